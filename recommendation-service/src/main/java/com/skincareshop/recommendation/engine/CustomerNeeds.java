package com.skincareshop.recommendation.engine;

import com.skincareshop.contracts.profile.Answers;
import com.skincareshop.contracts.vocabulary.Active;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.recommendation.engine.index.Traits;
import com.skincareshop.recommendation.engine.rules.ActiveEffects;
import com.skincareshop.recommendation.engine.rules.Scores;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the engine reads from one customer's answers, worked out once per routine: the concerns and their weights,
 * the approach, the areas, the SPF target and the score inputs of the steps.
 */
final class CustomerNeeds {

    /** Concerns that call for exfoliation (pores seed: dead cells clog pores and keep serums out). */
    static final Set<Concern> EXFOLIATION_CONCERNS =
            EnumSet.of(Concern.ENLARGED_PORES, Concern.SAGGING_PORES, Concern.CLOGGED_PORES, Concern.UNEVEN_TEXTURE);

    static final Set<Concern> PORE_CONCERNS = EnumSet.of(Concern.ENLARGED_PORES, Concern.SAGGING_PORES);

    private static final Active[] ACTIVES = Active.values();

    final Answers answers;
    final List<Concern> concerns;
    final Approach approach;
    /** The area the routine's core is for: the face when asked for (or nothing was said), else the hands. */
    final Area mainArea;
    /** Hands asked for beside the face: they get steps of their own where the face's products do not cover them. */
    final boolean handsToo;
    /** Bit per {@link Area} ordinal: every area the customer asked for. */
    final int wantedAreas;

    final int requiredSpf;
    final int targetSpf;
    final Scores.Customer scoring;
    /** Bit per concern ordinal: the concerns the searches' bounds read. */
    final int concernBits;

    CustomerNeeds(Answers answers, RoutinePolicy policy) {
        this.answers = answers;
        this.concerns = answers.concerns();
        boolean firmnessConcern = concerns.contains(Concern.FIRMNESS) || concerns.contains(Concern.SAGGING_PORES);
        this.approach = firmnessConcern
                        || (answers.ageBand() != null && answers.ageBand().isThirtyFiveOrOlder())
                ? Approach.CORRECTIVE
                : Approach.PREVENTIVE;
        List<Area> areas = answers.areas().isEmpty() ? List.of(Area.FACE) : answers.areas();
        this.mainArea = areas.contains(Area.FACE) ? Area.FACE : Area.HANDS;
        this.handsToo = mainArea == Area.FACE && areas.contains(Area.HANDS);
        this.wantedAreas = Traits.bits(areas);
        this.requiredSpf = policy.requiredSpf(answers.sunExposureHours());
        this.targetSpf = policy.acceptableSpf(requiredSpf);
        this.concernBits = Traits.bits(concerns);

        boolean[] treatsAConcern = new boolean[ACTIVES.length];
        boolean[] approachActives = new boolean[ACTIVES.length];
        Set<Active> preferred = approach == Approach.CORRECTIVE ? ActiveEffects.CORRECTIVE : ActiveEffects.PREVENTIVE;
        for (Active active : ACTIVES) {
            // prevention is for what has not shown yet: its antioxidants and hydration count whatever the concern
            approachActives[active.ordinal()] = approach == Approach.PREVENTIVE && preferred.contains(active);
            for (Concern concern : concerns) {
                if (ActiveEffects.treats(active, concern)) {
                    treatsAConcern[active.ordinal()] = true;
                    // the corrective bonus serves firmness, lines and sagging only, not every 35+ customer
                    approachActives[active.ordinal()] |= approach == Approach.CORRECTIVE
                            && preferred.contains(active)
                            && ActiveEffects.CORRECTIVE_CONCERNS.contains(concern);
                }
            }
        }
        this.scoring = new Scores.Customer(
                concerns.toArray(Concern[]::new),
                Scores.concernWeights(concerns),
                treatsAConcern,
                approach == Approach.PREVENTIVE,
                approachActives,
                policy.sensitiveMaxRetinol(),
                wantedAreas);
    }

    boolean wantsExfoliation() {
        return concerns.stream().anyMatch(EXFOLIATION_CONCERNS::contains);
    }

    boolean hasPoreConcern() {
        return concerns.stream().anyMatch(PORE_CONCERNS::contains);
    }

    boolean sensitive() {
        return answers.sensitive();
    }
}
