package dev.synapsebench.benchmarks.launcher;

/** Bad input or an unusable setup, said in one sentence; the launcher prints it and exits with 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
