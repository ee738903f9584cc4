package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * States and outcomes are marked with inline SVG, never with emoji or symbol characters: those need a font that many
 * systems lack (an hourglass or a pause sign shows as an empty box).
 */
class StateMarksTest {

    /**
     * Miscellaneous Technical (⌛ ⏸), Geometric Shapes, Miscellaneous Symbols, Dingbats (✔ ✖), Miscellaneous Symbols and
     * Arrows, the emoji variation selector, and everything from the Mahjong tiles up (the emoji planes).
     */
    static boolean needsASymbolFont(int c) {
        return (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) || c == 0xFE0F
                || c >= 0x1F000;
    }

    @Test
    void noPageTemplateStylesheetOrMessageUsesACharacterThatNeedsASymbolFont() throws IOException {
        PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();
        for (String pattern : new String[] { "classpath*:templates/**/*.html", "classpath*:static/**/*.css",
                "classpath*:i18n/messages*.properties" }) {
            Resource[] files = resources.getResources(pattern);
            assertThat(files).as(pattern).isNotEmpty();
            for (Resource file : files) {
                check(file);
            }
        }
    }

    private static void check(Resource file) throws IOException {
        String text = file.getContentAsString(StandardCharsets.UTF_8);
        text.codePoints().filter(StateMarksTest::needsASymbolFont).findFirst().ifPresent(c -> {
            throw new AssertionError(file.getFilename() + " uses " + new String(Character.toChars(c)) + " (U+"
                    + Integer.toHexString(c).toUpperCase() + "), which shows as an empty box where no symbol font is installed");
        });
    }
}
