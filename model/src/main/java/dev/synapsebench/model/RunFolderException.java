package dev.synapsebench.model;

/** A run folder that cannot be read: missing, without {@code jmh.json}, or with corrupt JSON. The message is one sentence. */
public final class RunFolderException extends IllegalArgumentException {

    public RunFolderException(String message) {
        super(message);
    }
}
