package dev.ecograph.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community with the Bolt connector on a loopback port and
 * authentication on, until it is sent SIGTERM or SIGINT.
 *
 * <p>Arguments: the home directory (data and Neo4j's own logs live under it)
 * and the Bolt port. The password of the user neo4j comes from the
 * environment variable NEO4J_PASSWORD, not the command line, so that ps does
 * not show it. Once the server answers and the password is set, it prints
 * "ready bolt://127.0.0.1:PORT" on standard output; scripts/neo4j waits for
 * that line. If starting fails it shuts down what it started and exits 1, so
 * that no half-started JVM lingers.
 */
public final class Server {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Server HOME PORT (the password in NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must hold a password of at least 8 characters");
            System.exit(2);
        }

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    // Bolt waits 5 s twice on shutdown by default; a restart in a test should not.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // No anonymous usage reports from development machines and CI.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Enough page cache for the 100k-actor benchmark network; modest disk.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                    .build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            dbms.shutdown();
            System.out.println("stopped");
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            // The default database answers before we say so.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            // Neo4j's threads would keep the JVM alive; exit runs the hook.
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("ready bolt://127.0.0.1:" + port);
        System.out.flush();
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (RuntimeException e) {
            // A restart keeps the password it set before, which Neo4j
            // refuses to set again; any other failure is real.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}
