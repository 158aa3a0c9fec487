package com.skincareshop.recommendation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The one row of the sweep shared by the replicas ({@link RoutineSweep}): its cursor, lap and requested products. */
@Entity
@Table(name = "routine_sweep")
public class RoutineSweepState {

    /** The row's id: there is exactly one. */
    static final short ID = 1;

    @Id
    short id;

    String position;

    @Column(name = "lap_started_at")
    Instant lapStartedAt;

    @Column(name = "requested_at")
    Instant requestedAt;

    @Column(name = "next_batch_at")
    Instant nextBatchAt;

    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, Long> products;

    protected RoutineSweepState() {
        // for JPA
    }
}
