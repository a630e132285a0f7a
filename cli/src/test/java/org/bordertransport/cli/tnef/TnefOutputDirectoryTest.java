package org.bordertransport.cli.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bordertransport.cli.common.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TnefOutputDirectoryTest {
    @TempDir
    Path temp;

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesThatLeaveTheDirectoryAreRefused() throws Exception {
        OutputDirectory out = OutputDirectory.create(temp.resolve("out"));
        Path root = out.root();

        for (String name : new String[] {"..", "../x", "a/b", "/etc/x", "."}) {
            assertThatThrownBy(() -> out.write(root, name, bytes("x")), name)
                .isInstanceOf(CommandException.class)
                .hasMessage("refusing to write '" + name + "' outside " + root);
            assertThatThrownBy(() -> out.directory(root, name), name)
                .isInstanceOf(CommandException.class)
                .hasMessage("refusing to write '" + name + "' outside " + root);
        }
        try (var entries = Files.list(temp)) {
            assertThat(entries).containsExactly(root);
        }
        try (var entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void anExistingLinkIsNotFollowed() throws Exception {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "keep");
        OutputDirectory out = OutputDirectory.create(temp.resolve("out"));
        Files.createSymbolicLink(out.root().resolve("link.txt"), outside);
        Files.createSymbolicLink(out.root().resolve("dangling.txt"), temp.resolve("nowhere.txt"));

        OutputDirectory.Written link = out.write(out.root(), "link.txt", bytes("new"));
        OutputDirectory.Written dangling = out.write(out.root(), "dangling.txt", bytes("new"));

        assertThat(out.relative(link.path())).isEqualTo("link (2).txt");
        assertThat(out.relative(dangling.path())).isEqualTo("dangling (2).txt");
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(temp.resolve("nowhere.txt")).doesNotExist();
    }

    @Test
    void writtenFilesHaveTheirSizeAndDigest() throws Exception {
        OutputDirectory out = OutputDirectory.create(temp.resolve("a/b"));

        OutputDirectory.Written written = out.write(out.root(), "hello.txt", bytes("hello"));
        Path sub = out.directory(out.root(), "sub");
        Path again = out.directory(out.root(), "sub");

        assertThat(written.size()).isEqualTo(5);
        assertThat(written.sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(out.relative(sub)).isEqualTo("sub");
        assertThat(out.relative(again)).isEqualTo("sub (2)");
        assertThat(out.relative(out.write(again, "x", bytes("")).path())).isEqualTo("sub (2)/x");
    }
}
