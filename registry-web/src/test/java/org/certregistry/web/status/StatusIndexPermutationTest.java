package org.certregistry.web.status;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusIndexPermutationTest {

    @Test
    void everyCounterOfAListGetsItsOwnIndexInsideTheList() {
        int size = 131_072;
        StatusIndexPermutation permutation = new StatusIndexPermutation(new byte[32], size);
        BitSet seen = new BitSet(size);
        for (int n = 0; n < size; n++) {
            int index = permutation.at(n);
            assertThat(index).isBetween(0, size - 1);
            assertThat(seen.get(index)).as("index %d handed out twice", index).isFalse();
            seen.set(index);
        }
        assertThat(seen.cardinality()).isEqualTo(size);
    }

    @Test
    void indexesDoNotFollowIssuanceOrderAndDependOnTheKey() {
        StatusIndexPermutation one = new StatusIndexPermutation(new byte[32], 131_080);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        StatusIndexPermutation other = new StatusIndexPermutation(otherKey, 131_080);
        int ascending = 0;
        int same = 0;
        for (int n = 0; n < 1000; n++) {
            ascending += one.at(n + 1) > one.at(n) ? 1 : 0;
            same += one.at(n) == other.at(n) ? 1 : 0;
        }
        assertThat(ascending).isBetween(400, 600);
        assertThat(same).isLessThan(5);
    }

    @Test
    void aCounterOutsideTheListIsRefused() {
        assertThatThrownBy(() -> new StatusIndexPermutation(new byte[32], 131_072).at(131_072))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
