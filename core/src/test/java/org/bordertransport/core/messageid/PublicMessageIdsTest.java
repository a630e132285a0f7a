package org.bordertransport.core.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicMessageIdsTest {
    private final PublicMessageIds codec = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 1)), "Border.Test");

    @Test
    void toPublicShouldBeDeterministicAndOnThePublicDomain() {
        String first = codec.toPublic("abc@exch01.corp.local");
        assertThat(first).matches("k1\\.[a-z2-7]{26,}@border\\.test");
        assertThat(codec.toPublic("abc@exch01.corp.local")).isEqualTo(first);
        assertThat(codec.toPublic("abd@exch01.corp.local")).isNotEqualTo(first);
        assertThat(first).doesNotContain("corp").doesNotContain("exch01");
    }

    @Test
    void toInternalShouldInvertToPublic() {
        String internal = "0A1B2C3D4E5F@EXCH01.corp.local";
        String publicId = codec.toPublic(internal);
        assertThat(codec.looksPublic(publicId)).isTrue();
        assertThat(codec.toInternal(publicId)).contains(internal);
        assertThat(codec.toInternal(publicId.toUpperCase().replace("@BORDER.TEST", "@border.test")))
            .as("base32 survives a change of case")
            .contains(internal);
    }

    @Test
    void toInternalShouldRefuseAlteredForgedAndForeignIds() {
        String publicId = codec.toPublic("abc@exch01.corp.local");
        char[] chars = publicId.toCharArray();
        chars[5] = chars[5] == 'a' ? 'b' : 'a';
        assertThat(codec.toInternal(new String(chars))).isEmpty();
        assertThat(codec.toInternal("k1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@border.test")).isEmpty();
        assertThat(codec.toInternal("k9" + publicId.substring(2))).as("unknown key id").isEmpty();
        assertThat(codec.toInternal(publicId.replace("@border.test", "@other.test"))).isEmpty();
        assertThat(codec.toInternal("abc@border.test")).isEmpty();
        assertThat(codec.looksPublic("abc@border.test")).isFalse();
    }

    @Test
    void toInternalShouldRefuseIdsMadeWithAnotherKeyUnderTheSameId() {
        PublicMessageIds other = new PublicMessageIds(MessageIdKeys.parse(TestKeys.key("k1", 99)), "border.test");
        assertThat(codec.toInternal(other.toPublic("abc@exch01.corp.local"))).isEmpty();
    }

    @Test
    void rotationShouldKeepRestoringIdsMadeWithTheOldKey() {
        String old = codec.toPublic("abc@exch01.corp.local");
        PublicMessageIds rotated = new PublicMessageIds(
            MessageIdKeys.parse(TestKeys.key("k2", 2) + "," + TestKeys.key("k1", 1)), "border.test");
        assertThat(rotated.toPublic("abc@exch01.corp.local")).startsWith("k2.");
        assertThat(rotated.toInternal(old)).contains("abc@exch01.corp.local");
    }

    @Test
    void veryLongIdsGetAStableOneWayForm() {
        String huge = "x".repeat(PublicMessageIds.MAX_REVERSIBLE_OCTETS + 1) + "@exch01.corp.local";
        String publicId = codec.toPublic(huge);
        assertThat(publicId).matches("h\\.k1\\.[a-z2-7]{26}@border\\.test");
        assertThat(codec.toPublic(huge)).isEqualTo(publicId);
        assertThat(codec.looksPublic(publicId)).isTrue();
        assertThat(codec.toInternal(publicId)).isEmpty();
        String longest = "x".repeat(PublicMessageIds.MAX_REVERSIBLE_OCTETS - 18) + "@exch01.corp.local";
        assertThat(codec.toInternal(codec.toPublic(longest))).contains(longest);
        assertThat(("<" + codec.toPublic(longest) + ">").length()).isLessThanOrEqualTo(MessageIdSyntax.MAX_LENGTH);
    }
}
