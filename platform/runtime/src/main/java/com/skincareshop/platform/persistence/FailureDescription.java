package com.skincareshop.platform.persistence;

import java.sql.SQLException;

/**
 * A failure as a log line may show it: the exception classes down to the first SQLSTATE, never their messages, which
 * for a database error may quote the values of the row (a customer's answers).
 */
public final class FailureDescription {

    private FailureDescription() {}

    public static String of(Throwable failure) {
        StringBuilder description = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable cause = failure.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            description.append(" < ").append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                description.append(" SQLSTATE ").append(sql.getSQLState());
                break;
            }
        }
        return description.toString();
    }
}
