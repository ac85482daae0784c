package dev.synapsebench.benchmarks.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * JMH refuses to start while another JMH run holds its lock file, and our launcher while another
 * launcher holds {@link RunLock}'s (someone benchmarking on the same machine). Tests that start JMH
 * or the launcher wait for both rather than fail or disturb that run's timings.
 */
public final class JmhLock {

    private JmhLock() {
    }

    public static void awaitFree(long minutes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        awaitFree(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"), deadline);
        awaitFree(RunLock.defaultFile(), deadline);
    }

    private static void awaitFree(Path lock, long deadline) throws IOException, InterruptedException {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            boolean told = false;
            while (System.nanoTime() < deadline) {
                FileLock held = channel.tryLock();
                if (held != null) {
                    held.release();
                    return;
                }
                if (!told) {
                    System.out.println("Waiting for another benchmark run on this machine to finish (" + lock + ") ...");
                    told = true;
                }
                Thread.sleep(2000);
            }
        }
    }
}
