package org.certregistry.web.status;

/** A credential's place in its awarding body's status lists: list number and bit index. */
public record StatusEntry(int list, int index) {

    public StatusEntry {
        if (list < 1 || index < 0) {
            throw new IllegalArgumentException("no status entry " + list + "/" + index);
        }
    }
}
