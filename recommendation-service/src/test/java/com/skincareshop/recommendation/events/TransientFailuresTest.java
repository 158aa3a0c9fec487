package com.skincareshop.recommendation.events;

import com.skincareshop.platform.persistence.TransientFailures;
import com.skincareshop.platform.testing.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The profile consumer retries what PostgreSQL aborts for a conflict with another transaction instead of parking
 * the events (the fault run saw a deadlock with the outbox relay). This provokes a real deadlock to check that the
 * driver's exception is recognised, and that a constraint violation is not.
 */
class TransientFailuresTest {

    private static final String DATABASE = "recommendation_test";

    @Test
    void aDeadlockIsTransientAndAConstraintViolationIsNot() throws Exception {
        LocalPostgres postgres = LocalPostgres.fromEnvironment().ensureRunning();
        postgres.ensureDatabase(DATABASE, "recommendation", "recommendation");
        String url = postgres.jdbcUrl(DATABASE);
        try (Connection a = DriverManager.getConnection(url, "recommendation", "recommendation");
             Connection b = DriverManager.getConnection(url, "recommendation", "recommendation")) {
            try (Statement setup = a.createStatement()) {
                setup.execute("create table if not exists deadlock_probe (id int primary key, n int)");
                setup.execute("insert into deadlock_probe values (1, 0), (2, 0) on conflict do nothing");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().execute("update deadlock_probe set n = n + 1 where id = 1");
            b.createStatement().execute("update deadlock_probe set n = n + 1 where id = 2");
            CompletableFuture<Throwable> aWaits = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> a.createStatement().execute("update deadlock_probe set n = n + 1 where id = 2")));
            Thread.sleep(300); // a now waits for b's row
            Throwable bFails = catchThrowable(() -> b.createStatement().execute("update deadlock_probe set n = n + 1 where id = 1"));
            Throwable aFails = aWaits.get(30, TimeUnit.SECONDS);
            Throwable deadlock = bFails != null ? bFails : aFails;
            a.rollback();
            b.rollback();

            assertThat(deadlock).isInstanceOf(SQLException.class);
            assertThat(((SQLException) deadlock).getSQLState()).isEqualTo("40P01");
            assertThat(TransientFailures.isTransient(new RuntimeException("wrapped", deadlock))).isTrue();

            a.setAutoCommit(true);
            Throwable duplicate = catchThrowable(() -> a.createStatement().execute("insert into deadlock_probe values (1, 0)"));
            assertThat(duplicate).isInstanceOf(SQLException.class);
            assertThat(TransientFailures.isTransient(new RuntimeException(duplicate))).isFalse();
            a.createStatement().execute("drop table deadlock_probe");
        }
    }
}
