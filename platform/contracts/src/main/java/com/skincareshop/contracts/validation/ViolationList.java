package com.skincareshop.contracts.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The violations reported for one input, at most {@link #MAX_LISTED}: a validator stops looking at the first one past
 * that, and the list then ends with {@link #MORE}. A body built to break a rule ten thousand times costs a short
 * answer, and no more work than it takes to find fifty faults.
 */
public final class ViolationList {

    public static final int MAX_LISTED = 50;
    /** The field named when the whole body is at fault. */
    public static final String BODY = "body";
    /** Ends a list that was cut short. */
    public static final Violation MORE = new Violation(BODY, "more were found and are not listed");

    private final int max;
    private final List<Violation> listed = new ArrayList<>();
    private boolean truncated;

    public ViolationList() {
        this(MAX_LISTED);
    }

    public ViolationList(int max) {
        this.max = max;
    }

    /** Lists it if there is room; false when there was none, and the caller should stop looking for more. */
    public boolean add(String field, String message) {
        return add(new Violation(field, message));
    }

    public boolean add(Violation violation) {
        if (listed.size() >= max) {
            truncated = true;
            return false;
        }
        listed.add(violation);
        return true;
    }

    /** True once a violation found no room: the list leaves some out. */
    public boolean truncated() {
        return truncated;
    }

    public boolean isEmpty() {
        return listed.isEmpty() && !truncated;
    }

    public int size() {
        return listed.size();
    }

    /** The listed violations, followed by {@link #MORE} if some were left out. */
    public List<Violation> toList() {
        if (!truncated) {
            return List.copyOf(listed);
        }
        List<Violation> all = new ArrayList<>(listed);
        all.add(MORE);
        return List.copyOf(all);
    }

    /** The first {@code max} of violations found elsewhere (Bean Validation, say), and {@link #MORE} if there were more. */
    public static List<Violation> of(Collection<Violation> violations, int max) {
        ViolationList list = new ViolationList(max);
        for (Violation violation : violations) {
            if (violation.equals(MORE)) {
                list.truncated = true; // a list already cut short stays so
            } else if (!list.add(violation)) {
                break;
            }
        }
        return list.toList();
    }

    public static List<Violation> of(Collection<Violation> violations) {
        return of(violations, MAX_LISTED);
    }

    /** Whether the list was cut short. */
    public static boolean isTruncated(List<Violation> violations) {
        return !violations.isEmpty() && violations.get(violations.size() - 1).equals(MORE);
    }
}
