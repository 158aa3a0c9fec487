package com.skincareshop.profile.api;

import static org.hamcrest.Matchers.equalTo;

import com.skincareshop.profile.support.ProfileTest;
import com.skincareshop.profile.support.Requests;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that is failing over answers 503 with Retry-After, not a 500: nothing is wrong with the request, and
 * nothing was stored. A trigger makes every write to the profile table fail with the SQLSTATE PostgreSQL sends
 * while it shuts down (57P01) or when it is out of connections (53300).
 */
@ProfileTest
class DatabaseOutageTest {

    @Inject
    AgroalDataSource dataSource;

    private void refuseProfileWrites(String sqlState) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    create or replace function refuse_profile_writes() returns trigger language plpgsql as $$
                    begin
                        raise exception 'the test refuses this write' using errcode = tg_argv[0];
                    end $$""");
            statement.execute("drop trigger if exists refuse_profile_writes on profile");
            statement.execute("create trigger refuse_profile_writes before insert or update on profile"
                    + " for each statement execute function refuse_profile_writes('" + sqlState + "')");
        }
    }

    @AfterEach
    void allowProfileWrites() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop trigger if exists refuse_profile_writes on profile");
        }
    }

    @Test
    void aDatabaseShuttingDownOrFullIsA503WithRetryAfter() throws SQLException {
        for (String sqlState : new String[] {"57P01", "53300"}) {
            refuseProfileWrites(sqlState);
            String customer = Requests.newCustomerId();
            Requests.put(customer, Requests.profile(Requests.answers()))
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("urn:skincare:problem:database-unavailable"));
            allowProfileWrites();
            Requests.put(customer, Requests.profile(Requests.answers())).then().statusCode(201); // nothing was stored
        }
    }

    @Test
    void anyOtherDatabaseErrorIsStillA500() throws SQLException {
        refuseProfileWrites("XX000");
        Requests.put(Requests.newCustomerId(), Requests.profile(Requests.answers()))
                .then()
                .statusCode(500)
                .contentType("application/problem+json");
    }
}
