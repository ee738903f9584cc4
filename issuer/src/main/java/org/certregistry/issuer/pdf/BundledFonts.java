package org.certregistry.issuer.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The fonts bundled with the renderer, and what each can draw, read once from their cmap
 * tables. Text is checked against them before rendering so that no character ever comes out as
 * an empty box (PDF/A also forbids the {@code .notdef} glyph): a character no bundled font has
 * is printed as U+FFFD instead, and a fallback family is named in the page only when the text
 * needs it, so a Latin name costs no fallback font at all.
 */
final class BundledFonts {

    static final String BASE = "org/certregistry/issuer/pdf/";

    /** One bundled font file. */
    record Face(String file, String family, int weight, boolean italic) {
    }

    /** A family the document's own families fall back to, with the characters it can draw. */
    record Fallback(String family, BitSet coverage) {
    }

    static final List<Face> FACES = List.of(
            new Face("fonts/DejaVuSerif.ttf", "Certificate Serif", 400, false),
            new Face("fonts/DejaVuSerif-Bold.ttf", "Certificate Serif", 700, false),
            new Face("fonts/DejaVuSerif-Italic.ttf", "Certificate Serif", 400, true),
            new Face("fonts/DejaVuSans.ttf", "Certificate Sans", 400, false),
            new Face("fonts/DejaVuSans-Bold.ttf", "Certificate Sans", 700, false),
            new Face("fonts/NotoSansArabic-Regular.ttf", "Fallback Arabic", 400, false),
            new Face("fonts/NotoSansHebrew-Regular.ttf", "Fallback Hebrew", 400, false),
            new Face("fonts/NotoSansDevanagari-Regular.ttf", "Fallback Devanagari", 400, false),
            new Face("fonts/NotoSansThai-Regular.ttf", "Fallback Thai", 400, false),
            new Face("fonts/DroidSansFallback-CJK-subset.ttf", "Fallback CJK", 400, false),
            new Face("fonts/Symbola-symbols-subset.ttf", "Fallback Symbols", 400, false));

    private static final BundledFonts INSTANCE = new BundledFonts();

    /** Characters every document family (DejaVu Serif, regular and bold, and DejaVu Sans) can draw. */
    private final BitSet primary;
    private final List<Fallback> fallbacks;
    /** Advance widths of DejaVu Serif Bold (the name's face) in 1/1000 em, by code point. */
    private final Widths nameWidths;

    private BundledFonts() {
        BitSet serif = coverage("fonts/DejaVuSerif.ttf");
        serif.and(coverage("fonts/DejaVuSerif-Bold.ttf"));
        this.primary = serif;
        List<Fallback> list = new ArrayList<>();
        for (Face face : FACES) {
            if (face.family().startsWith("Fallback")) {
                list.add(new Fallback(face.family(), coverage(face.file())));
            }
        }
        this.fallbacks = List.copyOf(list);
        this.nameWidths = Widths.of("fonts/DejaVuSerif-Bold.ttf");
    }

    static BundledFonts get() {
        return INSTANCE;
    }

    boolean drawable(int codePoint) {
        if (primary.get(codePoint)) {
            return true;
        }
        for (Fallback fallback : fallbacks) {
            if (fallback.coverage().get(codePoint)) {
                return true;
            }
        }
        return false;
    }

    /** The fallback families {@code text} needs, in the order they are tried. */
    Set<String> fallbacksFor(String text) {
        Set<String> needed = new LinkedHashSet<>();
        text.codePoints().filter(cp -> !primary.get(cp)).forEach(cp -> {
            for (Fallback fallback : fallbacks) {
                if (fallback.coverage().get(cp)) {
                    needed.add(fallback.family());
                    return;
                }
            }
        });
        return needed;
    }

    /** The width of {@code text} set in the name's face, in ems; characters it lacks count one em. */
    double nameWidthEm(String text) {
        return text.codePoints().mapToDouble(nameWidths::em).sum();
    }

    static InputStream open(String file) {
        InputStream in = BundledFonts.class.getClassLoader().getResourceAsStream(BASE + file);
        if (in == null) {
            throw new IllegalStateException("Missing bundled resource " + file);
        }
        return in;
    }

    /**
     * Parsed fonts for the calling thread. Parsing DejaVu for every render was about half its
     * cost; a parsed font is not safe to share between threads (it reads its glyphs lazily), so
     * each rendering thread keeps its own, and the renderers' pool is small.
     */
    private static final ThreadLocal<Map<String, TrueTypeFont>> PARSED = ThreadLocal.withInitial(HashMap::new);

    static TrueTypeFont parsed(String file) {
        return PARSED.get().computeIfAbsent(file, f -> {
            try {
                return parse(f);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read bundled font " + f, ex);
            }
        });
    }

    private static TrueTypeFont parse(String file) throws IOException {
        try (InputStream in = open(file)) {
            return new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
        }
    }

    private static BitSet coverage(String file) {
        try (TrueTypeFont font = parse(file)) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            BitSet covered = new BitSet(0x20000);
            for (int cp = 0x20; cp < 0x20000; cp++) {
                if (cmap.getGlyphId(cp) > 0) {
                    covered.set(cp);
                }
            }
            return covered;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read bundled font " + file, ex);
        }
    }

    /** Advance widths of one face, read once. */
    private record Widths(float[] em) {

        static Widths of(String file) {
            try (TrueTypeFont font = parse(file)) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                float unitsPerEm = font.getUnitsPerEm();
                float[] em = new float[0x10000];
                for (int cp = 0; cp < em.length; cp++) {
                    int gid = cmap.getGlyphId(cp);
                    em[cp] = gid > 0 ? font.getAdvanceWidth(gid) / unitsPerEm : 1f;
                }
                return new Widths(em);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read bundled font " + file, ex);
            }
        }

        double em(int codePoint) {
            return codePoint < em.length ? em[codePoint] : 1.0;
        }
    }
}
