package com.skincareshop.platform.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure of the database itself (down, failing over, starting, out of connections) from a failure of
 * the request: the client should retry the first later (503), and gets a 500 only for the second.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    /**
     * True when any cause is a lost or refused connection: Hibernate's {@code JDBCConnectionException}, SQLSTATE
     * class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect now), class 53
     * (insufficient resources: too many connections, out of memory or disk), or a refused socket.
     */
    public static boolean causes(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof JDBCConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")
                        || state.startsWith("53")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
