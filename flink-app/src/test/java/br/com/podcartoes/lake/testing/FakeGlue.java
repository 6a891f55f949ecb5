package br.com.podcartoes.lake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Glue Data Catalog on loopback that keeps state: the JSON protocol ({@code X-Amz-Target: AWSGlue.<Op>})
 * of the calls Iceberg's {@code GlueCatalog} makes, databases and tables in memory, and Glue's optimistic
 * check on {@code UpdateTable}: a {@code VersionId} that is not the table's current one is refused with
 * {@code ConcurrentModificationException}, as Glue does. Every request is recorded, in order, with the
 * answer it got. An operation it does not model is answered with an error, so a new call shows up.
 */
public final class FakeGlue implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** One request: the operation, its body, the SigV4 header, and the error code answered (null when 200). */
    public record Call(String operation, JsonNode body, String authorization, String error) {
        /** The table the call is about ({@code Name}, {@code TableInput.Name}), or null. */
        public String table() {
            JsonNode n = body.has("TableInput") ? body.at("/TableInput/Name") : body.path("Name");
            return n.isTextual() && !operation.endsWith("Database") ? n.asText() : null;
        }
    }

    /** An error Glue would answer: its code (the exception's name) and message. */
    private static final class GlueError extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        GlueError(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, ObjectNode> databases = new LinkedHashMap<>();
    /** database → table name → the table as GetTable returns it. */
    private final Map<String, Map<String, ObjectNode>> tables = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Runnable> beforeUpdate = new HashMap<>();
    private long clock = 1_700_000_000L;

    public FakeGlue() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Several threads: a hook may itself call this server (another writer committing meanwhile).
        server.setExecutor(executor);
        server.start();
    }

    /** The endpoint URL, as {@code --glue-endpoint} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A database, as deploy/ creates it before the job runs. */
    public synchronized void createDatabase(String name, String locationUri) {
        ObjectNode db = JSON.createObjectNode().put("Name", name).put("LocationUri", locationUri);
        db.putObject("Parameters");
        databases.put(name, db);
        tables.put(name, new LinkedHashMap<>());
    }

    /** The table as Glue holds it now (a copy), or null. */
    public synchronized JsonNode table(String database, String name) {
        ObjectNode t = tables.getOrDefault(database, Map.of()).get(name);
        return t == null ? null : t.deepCopy();
    }

    /**
     * Runs {@code action} once, when the next {@code UpdateTable} of {@code table} arrives and before it is
     * checked: another writer committing between the caller's {@code GetTable} and its {@code UpdateTable}.
     */
    public synchronized void beforeNextUpdate(String table, Runnable action) {
        beforeUpdate.put(table, action);
    }

    /** The requests received so far, in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (operation.equals("UpdateTable")) {
            Runnable hook;
            synchronized (this) {
                hook = beforeUpdate.remove(body.at("/TableInput/Name").asText());
            }
            if (hook != null) {
                hook.run(); // outside the lock: it may call this server
            }
        }
        int status;
        JsonNode answer;
        String error = null;
        synchronized (this) {
            try {
                answer = answer(operation, body);
                status = 200;
            } catch (GlueError e) {
                error = e.code;
                answer = JSON.createObjectNode().put("__type", e.code).put("Message", e.getMessage());
                status = 400;
            }
            calls.add(new Call(operation, body, authorization, error));
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-" + String.format("%012d", calls.size()));
        if (error != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", error + ":");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private JsonNode answer(String operation, JsonNode body) throws GlueError {
        ObjectNode out = JSON.createObjectNode();
        switch (operation) {
            case "GetDatabase" -> out.set("Database", database(body.path("Name").asText()).deepCopy());
            case "GetDatabases" -> out.putArray("DatabaseList").addAll(new ArrayList<>(databases.values()));
            case "CreateDatabase" -> {
                String name = body.at("/DatabaseInput/Name").asText();
                if (databases.containsKey(name)) {
                    throw new GlueError("AlreadyExistsException", "Database " + name + " already exists.");
                }
                databases.put(name, ((ObjectNode) body.get("DatabaseInput")).deepCopy());
                tables.put(name, new LinkedHashMap<>());
            }
            case "GetTable" -> out.set("Table", table(body).deepCopy());
            case "GetTables" -> {
                database(body.path("DatabaseName").asText());
                ArrayNode list = out.putArray("TableList");
                tables.get(body.path("DatabaseName").asText()).values().forEach(t -> list.add(t.deepCopy()));
            }
            case "CreateTable" -> {
                String db = body.path("DatabaseName").asText();
                database(db);
                String name = body.at("/TableInput/Name").asText();
                if (tables.get(db).containsKey(name)) {
                    throw new GlueError("AlreadyExistsException", "Table already exists.");
                }
                tables.get(db).put(name, stored(db, body.get("TableInput"), 1));
            }
            case "UpdateTable" -> {
                String db = body.path("DatabaseName").asText();
                ObjectNode current = table(JSON.createObjectNode().put("DatabaseName", db)
                        .put("Name", body.at("/TableInput/Name").asText()));
                long version = current.get("VersionId").asLong();
                if (body.hasNonNull("VersionId") && body.get("VersionId").asLong() != version) {
                    throw new GlueError("ConcurrentModificationException", "Update table failed due to concurrent"
                            + " modifications: version " + body.get("VersionId").asText() + ", current " + version);
                }
                ObjectNode next = stored(db, body.get("TableInput"), version + 1);
                next.set("CreateTime", current.get("CreateTime"));
                tables.get(db).put(next.get("Name").asText(), next);
            }
            case "DeleteTable" -> {
                table(body);
                tables.get(body.path("DatabaseName").asText()).remove(body.path("Name").asText());
            }
            default -> throw new GlueError("InvalidInputException", "FakeGlue does not model " + operation);
        }
        return out;
    }

    private ObjectNode database(String name) throws GlueError {
        ObjectNode db = databases.get(name);
        if (db == null) {
            throw new GlueError("EntityNotFoundException", "Database " + name + " not found.");
        }
        return db;
    }

    private ObjectNode table(JsonNode request) throws GlueError {
        String db = request.path("DatabaseName").asText();
        database(db);
        ObjectNode t = tables.get(db).get(request.path("Name").asText());
        if (t == null) {
            throw new GlueError("EntityNotFoundException", "Table " + request.path("Name").asText() + " not found.");
        }
        return t;
    }

    /** A TableInput as GetTable gives it back: plus the database, the version and the times. */
    private ObjectNode stored(String database, JsonNode input, long version) {
        ObjectNode t = ((ObjectNode) input).deepCopy();
        t.put("DatabaseName", database);
        t.put("VersionId", String.valueOf(version));
        long now = ++clock;
        t.put("CreateTime", now);
        t.put("UpdateTime", now);
        return t;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
