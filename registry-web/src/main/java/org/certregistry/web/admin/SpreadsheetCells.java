package org.certregistry.web.admin;

/**
 * CSV cells made safe to open in a spreadsheet (OWASP "CSV Injection"): a cell that starts with
 * {@code = + - @}, a tab or a carriage return would be read as a formula — a holder named
 * {@code =HYPERLINK(...)} beside the holder links could send them elsewhere — so it is prefixed
 * with an apostrophe, which spreadsheets show as text and do not display.
 */
final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    static Object text(Object cell) {
        if (!(cell instanceof String s) || s.isEmpty()) {
            return cell;
        }
        return switch (s.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + s;
            default -> s;
        };
    }

    static Object[] row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = text(cells[i]);
        }
        return safe;
    }
}
