package com.skincareshop.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skincareshop.catalog.domain.IfMatch;
import com.skincareshop.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void parsesTheForms() {
        assertThat(EntityTags.parseIfMatch(null)).isEqualTo(IfMatch.NONE);
        assertThat(EntityTags.parseIfMatch("*")).isEqualTo(IfMatch.ANY);
        IfMatch several = EntityTags.parseIfMatch("\"3\", \"4\"");
        assertThat(several.test(4L)).isTrue();
        assertThat(several.test(5L)).isFalse();
        assertThat(several.test(null)).isFalse();
        // strong comparison: a weak tag never matches
        assertThat(EntityTags.parseIfMatch("W/\"3\"").test(3L)).isFalse();
    }

    @Test
    void rejectsMalformedTags() {
        for (String bad : new String[] {"3", "\"\"", "\"three\"", "\"3"}) {
            assertThatThrownBy(() -> EntityTags.parseIfMatch(bad)).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void noneMatchesAnythingAnyNeedsAProduct() {
        assertThat(IfMatch.NONE.test(null)).isTrue();
        assertThat(IfMatch.ANY.test(null)).isFalse();
        assertThat(IfMatch.ANY.test(1L)).isTrue();
    }
}
