package org.bordertransport.core.tnef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bordertransport.core.tnef.TnefBuilder.sz;
import static org.bordertransport.core.tnef.TnefBuilder.tnef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.bordertransport.core.tnef.TnefBuilder.Props;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TNEF reader's spill file (values over the memory threshold) cannot be made: its directory is a path under a
 * regular file, which fails whoever runs the test, root included. The read fails with an {@link IOException} (a
 * storage fault, not a {@link TnefException}: the TNEF is not at fault) naming the path; nothing is left behind.
 */
class TnefSpillFaultTest {
    @TempDir
    Path temp;

    @Test
    void anAttachmentOverTheThresholdWithNowhereToSpillFailsTheReadAsAnIoFault() throws IOException {
        byte[] data = new byte[200_000];
        new Random(1).nextBytes(data);
        byte[] tnef = tnef().message(TnefAttribute.ATT_SUBJECT, sz("s")).renddata(0)
            .attachment(TnefAttribute.ATT_ATTACH_DATA, data)
            .attachProps(Props.props().string8(MapiTag.PR_ATTACH_LONG_FILENAME, "big.bin")).build();
        Path regularFile = Files.writeString(temp.resolve("a-file"), "not a directory");
        TnefReadOptions options = TnefReadOptions.builder().tempDirectory(regularFile.resolve("tmp"))
            .memoryThreshold(100_000).build();

        assertThatThrownBy(() -> TnefReader.read(new ByteArrayInputStream(tnef), options).close())
            .isInstanceOf(IOException.class)
            .hasMessageContaining(regularFile.resolve("tmp").toString())
            .hasMessageContaining("Not a directory");
        assertThat(Files.readString(regularFile)).isEqualTo("not a directory");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(regularFile);
        }
    }

    @Test
    void smallValuesNeverNeedTheSpillFile() throws Exception {
        Path unusable = Files.writeString(temp.resolve("a-file"), "x").resolve("tmp");
        byte[] tnef = tnef().message(TnefAttribute.ATT_SUBJECT, sz("s")).renddata(0)
            .attachment(TnefAttribute.ATT_ATTACH_DATA, new byte[] {1, 2, 3})
            .attachProps(Props.props().string8(MapiTag.PR_ATTACH_LONG_FILENAME, "small.bin")).build();

        try (TnefMessage message = TnefReader.read(new ByteArrayInputStream(tnef),
            TnefReadOptions.builder().tempDirectory(unusable).build())) {
            assertThat(message.attachments()).hasSize(1);
            assertThat(message.attachments().get(0).name()).isEqualTo("small.bin");
        }
    }
}
