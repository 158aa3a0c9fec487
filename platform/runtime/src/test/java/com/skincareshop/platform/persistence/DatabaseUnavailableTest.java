package com.skincareshop.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private static SQLException state(String sqlState) {
        return new SQLException("failed", sqlState);
    }

    @Test
    void lostRefusedAndExhaustedConnectionsAreTheDatabases() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P02", "57P03", "53300", "53100"}) {
            assertThat(DatabaseUnavailable.causes(new IllegalStateException("wrapped", state(state))))
                    .as(state)
                    .isTrue();
        }
        assertThat(DatabaseUnavailable.causes(new RuntimeException(
                        new SQLException("refused", null, new ConnectException("Connection refused")))))
                .isTrue();
        assertThat(DatabaseUnavailable.causes(new JDBCConnectionException("closed", state(null))))
                .isTrue();
    }

    @Test
    void whatTheRequestCausedIsNot() {
        for (String state : new String[] {"23505", "22P02", "40001", "42501", "XX000", "57014"}) {
            assertThat(DatabaseUnavailable.causes(new RuntimeException(state(state))))
                    .as(state)
                    .isFalse();
        }
        assertThat(DatabaseUnavailable.causes(new IllegalArgumentException("no database involved")))
                .isFalse();
    }
}
