package com.skincareshop.platform.persistence;

import java.sql.SQLException;

/**
 * Database failures that say nothing about the data: PostgreSQL aborted the transaction because of another one
 * (a deadlock, or a serialization conflict). Trying again is right; parking the input as poison would be wrong.
 */
public final class TransientFailures {

    /** SQLSTATE class 40, "transaction rollback": 40001 serialization_failure, 40P01 deadlock_detected. */
    private static final String TRANSACTION_ROLLBACK = "40";

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(TRANSACTION_ROLLBACK)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
