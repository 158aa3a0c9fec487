package com.skincareshop.contracts.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerIdsTest {

    @Test
    void theRuleAsWritten() {
        assertThat(CustomerIds.isValid("c-42")).isTrue();
        assertThat(CustomerIds.isValid("auth0:5f.a_b-c")).isTrue();
        assertThat(CustomerIds.isValid("a".repeat(64))).isTrue();

        assertThat(CustomerIds.isValid(null)).isFalse();
        assertThat(CustomerIds.isValid("")).isFalse();
        assertThat(CustomerIds.isValid("a".repeat(65))).isFalse();
        assertThat(CustomerIds.isValid("-starts-with-a-dash")).isFalse();
        assertThat(CustomerIds.isValid("c 42")).isFalse();
        assertThat(CustomerIds.isValid("c-42\n")).isFalse();
        assertThat(CustomerIds.isValid("ķ-42")).isFalse();
    }
}
