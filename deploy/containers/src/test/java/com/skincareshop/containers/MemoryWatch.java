package com.skincareshop.containers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.testcontainers.containers.GenericContainer;

/**
 * The peak resident memory (anonymous pages: what the memory limit cannot reclaim) of containers, read from their
 * memory cgroup twice a second: cgroup v1 {@code total_rss}, or cgroup v2 {@code anon}.
 */
final class MemoryWatch implements AutoCloseable {

    private final Map<String, GenericContainer<?>> watched = new ConcurrentHashMap<>();
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private MemoryWatch() {
        sampler = new Thread(this::sample, "memory-watch");
        sampler.setDaemon(true);
    }

    static MemoryWatch start(GenericContainer<?> first) {
        MemoryWatch watch = new MemoryWatch();
        watch.watch(first);
        watch.sampler.start();
        return watch;
    }

    void watch(GenericContainer<?> container) {
        watched.put(container.getContainerId().substring(0, 12), container);
    }

    /** The highest reading of each container (by its short id), in bytes. */
    Map<String, Long> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    String summary() {
        return peaks.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() >> 20) + " MiB")
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
    }

    private void sample() {
        while (running) {
            watched.forEach((id, container) -> {
                try {
                    String stat = container
                            .execInContainer(
                                    "sh",
                                    "-c",
                                    "cat /sys/fs/cgroup/memory/memory.stat 2>/dev/null || cat /sys/fs/cgroup/memory.stat")
                            .getStdout();
                    resident(stat).ifPresent(bytes -> peaks.merge(id, bytes, Math::max));
                } catch (Exception e) {
                    // stopped, or stopping: the readings so far stand
                }
            });
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static Optional<Long> resident(String memoryStat) {
        for (String line : memoryStat.split("\n")) {
            String[] field = line.trim().split(" ");
            if (field.length == 2 && (field[0].equals("total_rss") || field[0].equals("anon"))) {
                return Optional.of(Long.parseLong(field[1]));
            }
        }
        return Optional.empty();
    }
}
