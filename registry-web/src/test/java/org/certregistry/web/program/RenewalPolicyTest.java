package org.certregistry.web.program;

import java.time.Period;
import java.util.List;
import java.util.Map;

import org.certregistry.web.program.RenewalPolicy.EarnedUnits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CCXP renewal rule at its edges: 20 CEUs, at most 10 per category, converted credit hours. */
class RenewalPolicyTest {

    static final RenewalPolicy CCXP = new RenewalPolicy(20, 10,
            List.of("program-attendance", "speaking", "college-courses", "cxpa-contributions"),
            Map.of("semester-credit-hour", 15, "quarter-credit-hour", 10), Period.ofDays(90));

    @Test
    void twentyUnitsInTwoCategoriesMeetTheRule() {
        RenewalPolicy.Assessment a = CCXP.assess(List.of(new EarnedUnits("speaking", 10), new EarnedUnits("program-attendance", 10)));
        assertThat(a.met()).isTrue();
        assertThat(a.counted()).isEqualTo(20);
        assertThat(a.missing()).isNull();
    }

    @Test
    void nineteenUnitsFallOneShortAndSaySo() {
        RenewalPolicy.Assessment a = CCXP.assess(List.of(new EarnedUnits("speaking", 10), new EarnedUnits("program-attendance", 9)));
        assertThat(a.met()).isFalse();
        assertThat(a.counted()).isEqualTo(19);
        assertThat(a.missing()).startsWith("1 CEU is missing: 19 of the required 20 count in this cycle")
            .contains("speaking is already at the limit of 10 per category")
            .contains("program-attendance, college-courses, cxpa-contributions");
    }

    @Test
    void elevenUnitsInOneCategoryCountAsTen() {
        RenewalPolicy.Assessment a = CCXP.assess(List.of(new EarnedUnits("speaking", 6), new EarnedUnits("speaking", 5),
                new EarnedUnits("cxpa-contributions", 9)));
        assertThat(a.recorded()).containsEntry("speaking", 11);
        assertThat(a.countedByCategory()).containsEntry("speaking", 10).containsEntry("cxpa-contributions", 9);
        assertThat(a.counted()).isEqualTo(19);
        assertThat(a.met()).isFalse();
    }

    @Test
    void twentyUnitsAllInOneCategoryAreNotEnough() {
        RenewalPolicy.Assessment a = CCXP.assess(List.of(new EarnedUnits("college-courses", 30)));
        assertThat(a.counted()).isEqualTo(10);
        assertThat(a.missing()).startsWith("10 CEUs are missing");
    }

    @Test
    void noUnitsAtAllSayAllTwentyAreMissing() {
        assertThat(CCXP.assess(List.of()).missing()).isEqualTo("20 CEUs are missing: 0 of the required 20 count in this cycle.");
    }

    @Test
    void aSemesterCreditHourIsFifteenUnitsAndAQuarterCreditHourTen() {
        assertThat(CCXP.units("semester-credit-hour", 1)).contains(15);
        assertThat(CCXP.units("semester-credit-hour", 3)).contains(45);
        assertThat(CCXP.units("quarter-credit-hour", 1)).contains(10);
        assertThat(CCXP.units("ceu", 7)).contains(7);
        assertThat(CCXP.units("furlong", 1)).isEmpty();
        assertThat(CCXP.measures()).containsExactly("ceu", "quarter-credit-hour", "semester-credit-hour");
    }

    @Test
    void aProgramWithoutARuleRenewsWithoutUnits() {
        RenewalPolicy none = new RenewalPolicy(0, 0, null, null, null);
        assertThat(none.assess(List.of()).met()).isTrue();
        assertThat(none.gracePeriod()).isEqualTo(Period.ZERO);
    }
}
