package dev.synapsebench.benchmarks;

/** Bad input or an unusable setup, said in one sentence; the launcher prints it and exits with 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
