package dev.synapsebench.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files the CLI reads that the user names ({@code train --inputs/--targets}, {@code merge}):
 * each must be a regular file (a symbolic link to one is fine) that this process may read, checked
 * before it is opened. A directory, a device such as {@code /dev/null} or {@code /dev/zero}, a fifo
 * (whose open would wait forever for a writer) or a socket is one sentence, as is a missing file
 * or one without read permission.
 */
final class InputFiles {

    private InputFiles() {
    }

    /** @throws UsageException with one sentence when {@code file} is not a readable regular file */
    static void requireReadableFile(Path path) {
        String file = name(path);
        if (!Files.exists(path)) {
            if (Files.isSymbolicLink(path)) {
                throw new UsageException(file + " is a symbolic link to a file that does not exist");
            }
            throw new UsageException(file + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new UsageException(file + " is a directory, not a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException(file + " is not a regular file (" + kind(path) + "); give a file");
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + file + ": permission denied");
        }
    }

    /** A sentence for a failure to open or read {@code file} that the checks above did not foresee. */
    static UsageException cannotRead(Path path, IOException e) {
        String file = name(path);
        if (e instanceof NoSuchFileException) {
            return new UsageException(file + " does not exist");
        }
        if (e instanceof AccessDeniedException) {
            return new UsageException("cannot read " + file + ": permission denied");
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return new UsageException("cannot read " + file + ": " + fs.getReason());
        }
        return new UsageException("cannot read " + file + ": " + e.getMessage());
    }

    /** The path as given, or {@code ''} for the empty one (which names the working directory). */
    static String name(Path path) {
        String text = path.toString();
        return text.isEmpty() ? "''" : text;
    }

    private static String kind(Path file) {
        try {
            Object type = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(file)) {
                type = Files.getAttribute(file.toRealPath(), "unix:mode");
            }
            int format = (Integer) type & 0170000;
            return switch (format) {
                case 0010000 -> "a fifo";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a device, a fifo or a socket";
        }
    }
}
