package dev.liminal.datasets.replay;

import dev.liminal.core.stream.StreamSource;
import dev.liminal.core.stream.StreamSourceContract;
import org.junit.jupiter.api.Nested;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@link ReplaySource} keeps the {@link StreamSource} contract for each kind of stream it makes. */
class ReplaySourceContractTest {

    /** Opens the file's sources on a fast clock, keeps stream {@code index}, closes the rest. */
    static StreamSource one(Path file, int index) throws IOException {
        List<ReplaySource> all = ReplaySource.open(file, ReplayOptions.DEFAULT, new FakeClock(0));
        for (int i = 0; i < all.size(); i++) {
            if (i != index) all.get(i).close();
        }
        return all.get(index);
    }

    @Nested
    class XdfNumericStream extends StreamSourceContract {
        @Override
        protected StreamSource openSource() throws IOException {
            return one(ReplaySourceTest.MINIMAL, 0);
        }

        @Override
        protected long expectedFrames() {
            return 9;
        }
    }

    @Nested
    class XdfStringStream extends StreamSourceContract {
        @Override
        protected StreamSource openSource() throws IOException {
            return one(ReplaySourceTest.MINIMAL, 1);
        }

        @Override
        protected long expectedFrames() {
            return 9;
        }
    }

    @Nested
    class BrainVisionAnnotationStream extends StreamSourceContract {
        @Override
        protected StreamSource openSource() throws IOException {
            return one(ReplaySourceTest.BRAINVISION, 1);
        }

        @Override
        protected long expectedFrames() {
            return 14;
        }
    }
}
