package br.com.podcartoes.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lakeformation.CfnPrincipalPermissions;
import software.amazon.awscdk.services.lakeformation.CfnResource;
import software.amazon.awscdk.services.lakeformation.CfnTag;
import software.constructs.Construct;

/**
 * Lake Formation, opt-in ({@code -c lakeFormation=true}): the lake bucket registered as a data location, one LF-tag
 * {@value #TAG_KEY} with a value per layer, and grants on tag expressions: analysts SELECT tables tagged curated or
 * refined, data engineers every layer, the application creates and writes the tables and may tag them. With it off,
 * nothing here exists and IAM alone decides, as before.
 *
 * <p>Tables are created by the job, not here, so they are tagged after creation (README: one
 * add-lf-tags-to-resource per table); an untagged table is visible to nobody but the application. The identity
 * that deploys must be a Lake Formation administrator (set once in the LF console; not managed here because
 * DataLakeSettings replaces the whole administrator list).
 */
public final class LakeFormationAccess extends Construct {
    public static final String TAG_KEY = "camada";
    public static final List<String> LAYERS = List.of("raw", "curated", "quarantine", "refined");
    public static final List<String> ANALYST_LAYERS = List.of("curated", "refined");
    /** LF's service-linked role reads the registered location: it must also be allowed on the lake key. */
    public static final String SERVICE_LINKED_ROLE = "aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess";

    private final CfnResource location;
    private final CfnTag tag;
    private final List<CfnPrincipalPermissions> grants = new ArrayList<>();

    public LakeFormationAccess(Construct scope, String id, LakeStorage storage, CatalogAndAthena catalog,
                               IRole applicationRole, String analystRoleArn, String dataEngineerRoleArn) {
        super(scope, id);
        location = CfnResource.Builder.create(this, "LakeLocation")
                .resourceArn(storage.bucket().getBucketArn())
                .useServiceLinkedRole(true)
                .build();
        tag = CfnTag.Builder.create(this, "LayerTag")
                .catalogId(Aws.ACCOUNT_ID)
                .tagKey(TAG_KEY)
                .tagValues(LAYERS)
                .build();

        grantOnTables("AnalystReadsCuratedRefined", analystRoleArn, ANALYST_LAYERS, List.of("SELECT", "DESCRIBE"));
        grantOnTables("EngineerReadsAllLayers", dataEngineerRoleArn, LAYERS, List.of("SELECT", "DESCRIBE"));
        grantOnTables("ApplicationWritesTables", applicationRole.getRoleArn(), LAYERS,
                List.of("SELECT", "INSERT", "DELETE", "ALTER", "DROP", "DESCRIBE"));
        for (var who : Map.of("AnalystSeesDatabase", analystRoleArn, "EngineerSeesDatabase", dataEngineerRoleArn).entrySet()) {
            grant(who.getKey(), who.getValue(), database(catalog), List.of("DESCRIBE"));
        }
        grant("ApplicationCreatesTables", applicationRole.getRoleArn(), database(catalog),
                List.of("CREATE_TABLE", "ALTER", "DESCRIBE"));
        // The job may tag the tables it creates (today an operator does it: README).
        grant("ApplicationTagsTables", applicationRole.getRoleArn(), CfnPrincipalPermissions.ResourceProperty.builder()
                .lfTag(CfnPrincipalPermissions.LFTagKeyResourceProperty.builder()
                        .catalogId(Aws.ACCOUNT_ID).tagKey(TAG_KEY).tagValues(LAYERS).build())
                .build(), List.of("ASSOCIATE", "DESCRIBE"));
        grants.forEach(g -> {
            g.addDependency(tag);
            g.addDependency(catalog.database());
        });
    }

    private void grantOnTables(String id, String principalArn, List<String> layers, List<String> permissions) {
        grant(id, principalArn, CfnPrincipalPermissions.ResourceProperty.builder()
                .lfTagPolicy(CfnPrincipalPermissions.LFTagPolicyResourceProperty.builder()
                        .catalogId(Aws.ACCOUNT_ID)
                        .resourceType("TABLE")
                        .expression(List.of(CfnPrincipalPermissions.LFTagProperty.builder()
                                .tagKey(TAG_KEY).tagValues(layers).build()))
                        .build())
                .build(), permissions);
    }

    private static CfnPrincipalPermissions.ResourceProperty database(CatalogAndAthena catalog) {
        return CfnPrincipalPermissions.ResourceProperty.builder()
                .database(CfnPrincipalPermissions.DatabaseResourceProperty.builder()
                        .catalogId(Aws.ACCOUNT_ID).name(catalog.databaseName()).build())
                .build();
    }

    private void grant(String id, String principalArn, CfnPrincipalPermissions.ResourceProperty resource,
                       List<String> permissions) {
        grants.add(CfnPrincipalPermissions.Builder.create(this, id)
                .principal(CfnPrincipalPermissions.DataLakePrincipalProperty.builder()
                        .dataLakePrincipalIdentifier(principalArn).build())
                .resource(resource)
                .permissions(permissions)
                .permissionsWithGrantOption(List.of())
                .build());
    }

    public CfnResource location() {
        return location;
    }

    public CfnTag tag() {
        return tag;
    }

    public List<CfnPrincipalPermissions> grants() {
        return grants;
    }
}
