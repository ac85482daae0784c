package dev.synapsebench.cli;

/** Bad input from the user: printed as one line, exit status 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
