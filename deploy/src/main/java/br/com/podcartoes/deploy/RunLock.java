package br.com.podcartoes.deploy;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.stepfunctions.tasks.CallAwsService;
import software.constructs.Construct;

/**
 * The lock that lets one execution at a time drive the application: one DynamoDB item, taken with a conditional
 * write before UpdateApplication and deleted (only by its owner) in every path after it. The item carries a lease:
 * an execution that dies without releasing blocks the next one only until {@code expiraEm}. Holding the lock is
 * also what marks the running application as "ours": the guard and the cleanup stop it only on that basis.
 */
public final class RunLock extends Construct {
    public static final String TABLE_NAME = "pod-cartoes-trava";
    /** Partition key; one item, for the one application. */
    public static final String KEY = "recurso";
    public static final String RESOURCE = "aplicacao-flink";
    /** Taken when nobody holds it, or when the holder's lease ran out. */
    static final String FREE = "attribute_not_exists(" + KEY + ") OR expiraEm < :agora";

    private final Table table;

    public RunLock(Construct scope, String id) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(TABLE_NAME)
                .partitionKey(Attribute.builder().name(KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                // Holds one short-lived item: nothing to keep when the stack goes.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** PutItem if free; fails with DynamoDb.ConditionalCheckFailedException while another lease is valid. */
    CallAwsService acquire(Construct scope, String id, long leaseMillis, Map<String, ?> assign) {
        return SdkTask.of(scope, id, "dynamodb", "putItem", "dynamodb:PutItem", List.of(table.getTableArn()))
                .arguments(Map.of(
                        "TableName", table.getTableName(),
                        "Item", Map.of(
                                KEY, Map.of("S", RESOURCE),
                                "dono", Map.of("S", "{% $states.context.Execution.Id %}"),
                                "mes", Map.of("S", "{% $month %}"),
                                "expiraEm", Map.of("N", "{% $string($toMillis($now()) + " + leaseMillis + ") %}")),
                        "ConditionExpression", FREE,
                        "ExpressionAttributeValues", Map.of(":agora", Map.of("N", "{% $string($toMillis($now())) %}"))))
                .assign(assign)
                .build();
    }

    /** DeleteItem only if {@code ownerExpression} (JSONata) still owns it: a lease taken over is never freed by us. */
    CallAwsService release(Construct scope, String id, String ownerExpression, Map<String, ?> assign) {
        return SdkTask.of(scope, id, "dynamodb", "deleteItem", "dynamodb:DeleteItem", List.of(table.getTableArn()))
                .arguments(Map.of(
                        "TableName", table.getTableName(),
                        "Key", Map.of(KEY, Map.of("S", RESOURCE)),
                        "ConditionExpression", "dono = :dono",
                        "ExpressionAttributeValues", Map.of(":dono", Map.of("S", "{% " + ownerExpression + " %}"))))
                .assign(assign)
                .build();
    }

    /** GetItem (consistent): {@code $states.result.Item} is absent when nobody holds the lock. */
    CallAwsService read(Construct scope, String id, Map<String, ?> assign) {
        return SdkTask.of(scope, id, "dynamodb", "getItem", "dynamodb:GetItem", List.of(table.getTableArn()))
                .arguments(Map.of(
                        "TableName", table.getTableName(),
                        "Key", Map.of(KEY, Map.of("S", RESOURCE)),
                        "ConsistentRead", true))
                .assign(assign)
                .build();
    }

    public Table table() {
        return table;
    }
}
