package cn.tongban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.tongban.audit.AccessEntry.Outcome;
import cn.tongban.audit.merkle.NaiveMerkle;

class EntryCodecTest {

    private static final Instant T = Instant.parse("2026-11-22T08:00:00.123456Z");

    private static AccessEntry entry(String actor, String action) {
        return new AccessEntry(7, T, "node-1", actor, action, "R001", Outcome.OK, null, "c-1");
    }

    @Test
    void fieldBoundariesCannotShift() {
        // "ab"+"c" and "a"+"bc" concatenate alike; length prefixes keep them apart
        assertThat(EntryCodec.encode(entry("ab", "c"))).isNotEqualTo(EntryCodec.encode(entry("a", "bc")));
    }

    @Test
    void nullAndEmptyTextDiffer() {
        AccessEntry withNull = new AccessEntry(7, T, "n", "a", "x", null, Outcome.OK, null, null);
        AccessEntry withEmpty = new AccessEntry(7, T, "n", "a", "x", "", Outcome.OK, null, null);
        assertThat(EntryCodec.encode(withNull)).isNotEqualTo(EntryCodec.encode(withEmpty));
    }

    @Test
    void valueMovedToTheNextFieldDiffers() {
        AccessEntry inResource = new AccessEntry(7, T, "n", "a", "x", "E1", Outcome.OK, null, null);
        AccessEntry inError = new AccessEntry(7, T, "n", "a", "x", null, Outcome.OK, "E1", null);
        assertThat(EntryCodec.encode(inResource)).isNotEqualTo(EntryCodec.encode(inError));
    }

    @Test
    void deliveredFieldListsAreUnambiguous() {
        AccessEntry base = entry("a", "x");
        byte[] one = EntryCodec.encode(base.withDelivery(null, null, null, List.of("ab"), null));
        byte[] two = EntryCodec.encode(base.withDelivery(null, null, null, List.of("a", "b"), null));
        byte[] none = EntryCodec.encode(base.withDelivery(null, null, null, List.of(), null));
        byte[] absent = EntryCodec.encode(base);
        assertThat(one).isNotEqualTo(two);
        assertThat(none).isNotEqualTo(absent);
        // a list element spilling into the response digest must not look the same either
        assertThat(EntryCodec.encode(base.withDelivery(null, null, null, List.of("a"), "b")))
                .isNotEqualTo(EntryCodec.encode(base.withDelivery(null, null, null, List.of("a", "b"), null)));
    }

    @Test
    void fieldNamesWithCommasOrBlankAreRefused() {
        assertThatThrownBy(() -> entry("a", "x").withDelivery(null, null, null, List.of("a,b"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry("a", "x").withDelivery(null, null, null, List.of(" "), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceAndSubSecondTimeAreBound() {
        AccessEntry e = entry("a", "x");
        assertThat(EntryCodec.encode(e)).isNotEqualTo(EntryCodec.encode(e.withSequence(8)));
        assertThat(EntryCodec.encode(e)).isNotEqualTo(EntryCodec.encode(e.withTime(T.plusNanos(1000))));
    }

    @Test
    void layoutStartsWithVersionSequenceAndTime() {
        byte[] bytes = EntryCodec.encode(entry("a", "x"));
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 8).getLong()).isEqualTo(7);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 9, 8).getLong()).isEqualTo(T.getEpochSecond());
        assertThat(java.nio.ByteBuffer.wrap(bytes, 17, 4).getInt()).isEqualTo(T.getNano());
        // "node-1": present marker, uint32 length 6, then the UTF-8 bytes
        assertThat(bytes[21]).isEqualTo((byte) 1);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 22, 4).getInt()).isEqualTo(6);
    }

    @Test
    void leafHashIsRfc9162LeafOfTheEncoding() {
        AccessEntry e = entry("张三", "CATALOGUE_READ");
        assertThat(EntryCodec.leafHash(e)).isEqualTo(NaiveMerkle.leaf(EntryCodec.encode(e)));
        assertThat(EntryCodec.encode(e)).isEqualTo(EntryCodec.encode(entry("张三", "CATALOGUE_READ")));
    }

    @Test
    void oldConstructorLeavesDataSharingFieldsEmpty() {
        AccessEntry e = entry("a", "x");
        assertThat(e.subjectKey()).isNull();
        assertThat(e.fieldsDelivered()).isNull();
        assertThat(e.withSequence(9).sequence()).isEqualTo(9);
    }

    @Test
    void departmentOrOperatorMakeVersionTwoAndOlderEntriesStayVersionOne() {
        AccessEntry plain = new AccessEntry(
                7, Instant.parse("2026-11-23T01:02:03.000004Z"), "n", "sys", "DATA_PULL", "R", Outcome.OK, null, "c");
        byte[] v1 = EntryCodec.encode(plain);
        assertThat(v1[0]).isEqualTo((byte) 1);
        AccessEntry withDepartment = plain.withActorDetail("D-1", null);
        AccessEntry withOperator = plain.withActorDetail(null, "D-1");
        assertThat(EntryCodec.encode(withDepartment)[0]).isEqualTo((byte) 2);
        assertThat(EntryCodec.encode(withOperator)[0]).isEqualTo((byte) 2);
        // version 2 is version 1's fields then department and operator, each length-prefixed
        byte[] v2 = EntryCodec.encode(withDepartment);
        assertThat(java.util.Arrays.copyOfRange(v2, 1, v1.length))
                .isEqualTo(java.util.Arrays.copyOfRange(v1, 1, v1.length));
        assertThat(EntryCodec.leafHash(withDepartment))
                .isNotEqualTo(EntryCodec.leafHash(withOperator))
                .isNotEqualTo(EntryCodec.leafHash(plain));
        assertThat(EntryCodec.leafHash(plain.withActorDetail(null, null))).isEqualTo(EntryCodec.leafHash(plain));
    }
}
