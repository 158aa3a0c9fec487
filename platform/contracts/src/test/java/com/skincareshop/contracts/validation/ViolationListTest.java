package com.skincareshop.contracts.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ViolationListTest {

    @Test
    void listsFiftyThenSaysThereWereMore() {
        ViolationList list = new ViolationList();
        for (int i = 0; i < ViolationList.MAX_LISTED; i++) {
            assertThat(list.add("f" + i, "bad")).isTrue();
        }
        assertThat(list.toList()).hasSize(ViolationList.MAX_LISTED).doesNotContain(ViolationList.MORE);
        assertThat(list.add("one too many", "bad")).isFalse();
        assertThat(list.toList()).hasSize(ViolationList.MAX_LISTED + 1).endsWith(ViolationList.MORE);
        assertThat(ViolationList.isTruncated(list.toList())).isTrue();
    }

    @Test
    void boundsAListFoundElsewhereAndKeepsAListCutShortCutShort() {
        List<Violation> thousand = IntStream.range(0, 1000)
                .mapToObj(i -> new Violation("f" + i, "bad"))
                .toList();
        List<Violation> bounded = ViolationList.of(thousand);
        assertThat(bounded).hasSize(ViolationList.MAX_LISTED + 1).endsWith(ViolationList.MORE);
        assertThat(ViolationList.of(bounded)).isEqualTo(bounded);
        List<Violation> cutShort = new ArrayList<>(thousand.subList(0, 3));
        cutShort.add(ViolationList.MORE);
        assertThat(ViolationList.of(cutShort)).isEqualTo(cutShort);
        assertThat(ViolationList.of(thousand.subList(0, 3))).isEqualTo(thousand.subList(0, 3));
        assertThat(ViolationList.of(thousand, 0)).containsExactly(ViolationList.MORE);
    }
}
