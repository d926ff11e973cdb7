package dev.ecograph.neo4j;

import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community with the Bolt connector on a loopback port and
 * authentication on, until it is sent SIGTERM or SIGINT.
 *
 * <p>Arguments: the home directory (data lives under it) and the Bolt port.
 * The password of the user neo4j comes from the environment variable
 * NEO4J_PASSWORD, not the command line, so that ps does not show it. Once
 * the server answers and the password is set, it prints "ready
 * bolt://127.0.0.1:PORT" on standard output.
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

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            dbms.shutdown();
            System.out.println("stopped");
        }, "neo4j-shutdown"));

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
        // The default database answers before we say so.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("ready bolt://127.0.0.1:" + port);
        System.out.flush();
    }
}
