package br.com.podcartoes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;

class LakeStorageTest {
    private final Synthesized app = Synthesized.app();
    private final String bucketId = Synthesized.logicalId(app.stacks.lake().storage().bucket());
    private final String keyId = Synthesized.logicalId(app.stacks.lake().storage().key());

    @Test
    void lakeBucketIsVersionedEncryptedWithItsOwnKeyAndPrivate() {
        JsonNode bucket = app.resource(bucketId).get("Properties");
        assertEquals("Enabled", bucket.at("/VersioningConfiguration/Status").asText());
        JsonNode sse = bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0");
        assertEquals("aws:kms", sse.at("/ServerSideEncryptionByDefault/SSEAlgorithm").asText());
        assertEquals("${" + keyId + ".Arn}", Synthesized.render(sse.at("/ServerSideEncryptionByDefault/KMSMasterKeyID")));
        assertTrue(sse.get("BucketKeyEnabled").asBoolean());
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(bucket.at("/PublicAccessBlockConfiguration/" + flag).asBoolean(), flag);
        }
        assertEquals("BucketOwnerEnforced", bucket.at("/OwnershipControls/Rules/0/ObjectOwnership").asText());
        // Never destroyed with the stack.
        assertEquals("Retain", app.resource(bucketId).get("DeletionPolicy").asText());
        assertEquals("Retain", app.resource(keyId).get("DeletionPolicy").asText());
    }

    @Test
    void lakeKeyRotates() {
        assertTrue(app.resource(keyId).at("/Properties/EnableKeyRotation").asBoolean());
    }

    @Test
    void bucketPolicyDeniesAnythingButTls() {
        JsonNode policy = app.resources("AWS::S3::BucketPolicy").values().stream()
                .filter(p -> Synthesized.render(p.at("/Properties/Bucket")).equals("${" + bucketId + "}"))
                .findFirst().orElseThrow();
        List<JsonNode> statements = toList(policy.at("/Properties/PolicyDocument/Statement"));
        JsonNode insecure = statements.stream()
                .filter(s -> s.at("/Condition/Bool/aws:SecureTransport").asText().equals("false"))
                .findFirst().orElseThrow(() -> new AssertionError("no aws:SecureTransport=false deny"));
        assertEquals("Deny", insecure.get("Effect").asText());
        assertEquals("s3:*", insecure.get("Action").asText());
        assertEquals(Set.of("${" + bucketId + ".Arn}", "${" + bucketId + ".Arn}/*"),
                Set.copyOf(Synthesized.strings(insecure.get("Resource"))));
        JsonNode oldTls = statements.stream()
                .filter(s -> s.at("/Condition/NumericLessThan/s3:TlsVersion").isNumber())
                .findFirst().orElseThrow(() -> new AssertionError("no minimum TLS version"));
        assertEquals("Deny", oldTls.get("Effect").asText());
        assertEquals(1.2, oldTls.at("/Condition/NumericLessThan/s3:TlsVersion").asDouble());
    }

    @Test
    void lifecycleMovesRawToInfrequentAccessAndExpiresOldVersionsButNeverATablesFiles() {
        Map<String, JsonNode> rules = toList(app.resource(bucketId).at("/Properties/LifecycleConfiguration/Rules"))
                .stream().collect(Collectors.toMap(r -> r.get("Id").asText(), r -> r));

        JsonNode raw = rules.get("raw-to-infrequent-access");
        assertEquals("raw/", raw.get("Prefix").asText());
        assertEquals("STANDARD_IA", raw.at("/Transitions/0/StorageClass").asText());
        assertEquals(120, raw.at("/Transitions/0/TransitionInDays").asInt());
        // then a colder class, still readable at once for a reprocessing
        assertEquals("GLACIER_IR", raw.at("/Transitions/1/StorageClass").asText());
        assertEquals(365, raw.at("/Transitions/1/TransitionInDays").asInt());

        // The tables are Iceberg tables: their snapshots reference old data and manifest files, so S3 never expires
        // a current object there (nor bucket-wide).
        for (JsonNode r : rules.values()) {
            String prefix = r.path("Prefix").asText("");
            assertFalse(r.has("ExpirationInDays") && (prefix.isEmpty() || LakeLayout.TABLES.contains(prefix)), r.toString());
        }

        JsonNode landing = rules.get("landing-expiry");
        assertEquals("landing/", landing.get("Prefix").asText());
        assertEquals(30, landing.get("ExpirationInDays").asInt());
        assertEquals("0", landing.get("ObjectSizeGreaterThan").asText(), "keeps the landing/ folder marker");

        // Old versions expire per layer, never in raw/: a delivered file's bytes are kept for good.
        for (String prefix : List.of("landing/", "curated/", "quarantine/", "refined/", "_runs/", "_metrics/")) {
            JsonNode versions = rules.values().stream().filter(r -> prefix.equals(r.path("Prefix").asText())
                    && r.has("NoncurrentVersionExpiration")).findFirst().orElseThrow(() -> new AssertionError(prefix));
            assertEquals(365, versions.at("/NoncurrentVersionExpiration/NoncurrentDays").asInt());
        }
        rules.values().forEach(r -> assertTrue(!r.has("NoncurrentVersionExpiration") || !r.path("Prefix").asText("").isEmpty(),
                "a bucket-wide old-version expiry would reach raw/: " + r));
        assertTrue(rules.values().stream().noneMatch(r -> "raw/".equals(r.path("Prefix").asText()) && r.has("NoncurrentVersionExpiration")));
        JsonNode cleanup = rules.get("clean-up-markers-and-uploads");
        assertTrue(cleanup.get("ExpiredObjectDeleteMarker").asBoolean());
        assertEquals(7, cleanup.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt());
    }

    @Test
    void nobodyDeletesInRaw() {
        JsonNode policy = app.resources("AWS::S3::BucketPolicy").values().stream()
                .filter(p -> Synthesized.render(p.at("/Properties/Bucket")).equals("${" + bucketId + "}"))
                .findFirst().orElseThrow();
        JsonNode deny = Synthesized.statement(toList(policy.at("/Properties/PolicyDocument/Statement")), "RawIsNeverDeleted");
        assertEquals("Deny", deny.get("Effect").asText());
        assertEquals("*", deny.at("/Principal/AWS").asText());
        assertEquals(Set.of("s3:DeleteObject", "s3:DeleteObjectVersion"), Set.copyOf(Synthesized.strings(deny.get("Action"))));
        assertEquals(List.of("${" + bucketId + ".Arn}/raw/*"), Synthesized.strings(deny.get("Resource")));
    }

    @Test
    void accessIsLoggedToASeparateBucket() {
        app.lake.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LoggingConfiguration", Map.of("LogFilePrefix", "lake/"))));
    }

    @Test
    void everyLayerPrefixExistsAsAFolderMarker() {
        Set<String> keys = app.resources("Custom::AWS").values().stream()
                .map(r -> Synthesized.render(r.at("/Properties/Create")))
                .map(create -> create.replaceAll(".*\"Key\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("landing/", "raw/", "curated/", "quarantine/", "refined/", "_runs/", "_metrics/"), keys);
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
