package dev.synapsebench.benchmarks.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One benchmark run at a time on this machine: two runs would share its cores and disturb each
 * other's timings. JMH's own lock ({@code /tmp/jmh.lock}) is taken per {@code Runner.run}, so it is
 * free between this launcher's passes and during its probe and numpy race; this lock is held from
 * the probe to the publication of the run folder.
 *
 * <p>It is an operating-system file lock on {@code <java.io.tmpdir>/synapse-bench.lock}, so it goes
 * with its process however that ends (SIGKILL included): no stale lock is ever left to remove. The
 * file's content only names the holder, for the sentence the second run prints when it refuses.
 */
final class RunLock implements AutoCloseable {

    /** The lock file every launcher on this machine uses ({@code -Dsynapse.lock=FILE} moves it, for tests). */
    static Path defaultFile() {
        String file = System.getProperty("synapse.lock");
        return file != null ? Path.of(file) : Path.of(System.getProperty("java.io.tmpdir"), "synapse-bench.lock");
    }

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, or refuses with one sentence naming the run that holds it.
     *
     * @param what the holder, as the refusal should name it (e.g. the command line)
     * @throws UsageException when another run holds the lock
     */
    static RunLock acquire(Path file, String what) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new UsageException("another benchmark run is measuring on this machine (" + holder(file)
                        + "), and two at once would disturb each other's timings: wait for it to finish, or stop it");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started "
                    + Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z") + ": " + what)
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            RunLock held = new RunLock(channel, lock);
            channel = null;
            return held;
        } catch (OverlappingFileLockException e) {
            throw new UsageException("this JVM already runs a benchmark run (" + file + " is locked)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lock " + file, e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the refusal or failure above is what matters
                }
            }
        }
    }

    /** What the lock file says of its holder (fcntl locks are advisory, so it can be read while held). */
    private static String holder(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            return content.isEmpty() ? "see " + file : content;
        } catch (IOException e) {
            return "see " + file;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel or, at the latest, with the process
        }
    }
}
