package dev.colloquy.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small ext4 file system of its own, in an image file mounted on a loop device, for scenarios
 * that need a disk to fill up or to fail: it needs root, {@code mkfs.ext4}, {@code e2fsck} and
 * loop devices ({@link #require()}).
 */
final class LoopFileSystem implements AutoCloseable {

    private final Path image;
    private final Path mountPoint;
    private boolean mounted;

    private LoopFileSystem(Path image, Path mountPoint) {
        this.image = image;
        this.mountPoint = mountPoint;
    }

    /**
     * Fails, naming what is missing, unless this machine can make one: root, the e2fsprogs tools
     * and loop devices. The build runs as root ({@code .ci/run} installs e2fsprogs).
     */
    static void require() throws IOException, InterruptedException {
        assertThat(run("id", "-u").strip())
                .as("the file-system scenarios mount file systems: run the build as root")
                .isEqualTo("0");
        assertThat(Path.of("/usr/sbin/mkfs.ext4"))
                .as("mkfs.ext4 (Debian's e2fsprogs)")
                .isExecutable();
        assertThat(Path.of("/usr/sbin/e2fsck"))
                .as("e2fsck (Debian's e2fsprogs)")
                .isExecutable();
        assertThat(Path.of("/dev/loop-control")).as("loop devices").exists();
    }

    /** A new file system of {@code size} (such as {@code 96M}) mounted on {@code mountPoint} with {@code options}. */
    static LoopFileSystem create(Path image, Path mountPoint, String size, String options)
            throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("truncate", "-s", size, image.toString());
        run("mkfs.ext4", "-q", "-F", image.toString());
        var fileSystem = new LoopFileSystem(image, mountPoint);
        fileSystem.mount(options);
        return fileSystem;
    }

    void mount(String options) throws IOException, InterruptedException {
        run("mount", "-o", "loop," + options, image.toString(), mountPoint.toString());
        mounted = true;
    }

    void unmount() throws IOException, InterruptedException {
        run("umount", mountPoint.toString());
        mounted = false;
    }

    /** Checks and repairs the unmounted file system; what e2fsck said. */
    String check() throws IOException, InterruptedException {
        return runAllowing(List.of(0, 1), "e2fsck", "-f", "-y", image.toString());
    }

    /** The kernel's own error hook of this ext4 file system ({@code trigger_fs_error}). */
    Path errorTrigger() throws IOException, InterruptedException {
        String device =
                run("findmnt", "-n", "-o", "SOURCE", mountPoint.toString()).strip();
        return Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
    }

    Path mountPoint() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            runAllowing(List.of(0, 1, 32), "umount", "-l", mountPoint.toString());
            mounted = false;
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        return runAllowing(List.of(0), command);
    }

    static String runAllowing(List<Integer> codes, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(codes)
                .as("%s exited with %d: %s", List.of(command), process.exitValue(), output)
                .contains(process.exitValue());
        return output;
    }
}
