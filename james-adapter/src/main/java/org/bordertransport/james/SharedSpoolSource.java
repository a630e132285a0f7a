package org.bordertransport.james;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.Disposable;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.bordertransport.core.io.Spool;

/**
 * The octets of a message a mailet of ours wrote, as James reads them ({@link MimeMessageSource}): header octets of
 * its own, then the rest of a {@link Spool} (in memory up to 1 MiB, beyond it in a temporary file) that it may share
 * with the messages it was made from.
 *
 * <p>Why: a mailet that changes only the header (the header firewall, the DKIM signature, Message-ID replacement)
 * gave the mail a new message of the new header and a copy of the body, a whole copy per mailet (for a message over
 * James's 100 KiB threshold, a temporary file made, written, read and deleted each time). A message whose current
 * octets are one of these sources now gets a new source of its new header and the same body: {@link #withHeader}
 * copies nothing. The spool is deleted when the last source holding it is disposed (James disposes a mail's message
 * with the mail, and the old message when a mail is given a new one); a source that is never disposed releases its
 * hold when the garbage collector finds it unreachable.</p>
 *
 * <p>A message is found to be ours by its source ID ({@code MimeMessageWrapper.getSourceId()}, public), through a
 * registry of the sources alive in this JVM.</p>
 */
public final class SharedSpoolSource implements MimeMessageSource, Disposable {
    /** Octets kept in memory; beyond, the spool is a temporary file (as our other spools). */
    static final int MEMORY_THRESHOLD = 1024 * 1024;
    private static final String ID_PREFIX = "border-" + UUID.randomUUID() + "-";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Map<String, Entry> LIVE = new ConcurrentHashMap<>();
    private static final ReferenceQueue<SharedSpoolSource> UNREACHABLE = new ReferenceQueue<>();

    private final String id;
    private final byte[] header;
    private final Storage storage;
    private final long offset;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private volatile long bodyStart = -1;

    private SharedSpoolSource(byte[] header, Storage storage, long offset) {
        this.id = ID_PREFIX + SEQUENCE.incrementAndGet();
        this.header = header;
        this.storage = storage;
        this.offset = offset;
        this.release = new Release(storage, id);
        this.cleanable = CLEANER.register(this, release);
        expungeUnreachable();
        LIVE.put(id, new Entry(this, UNREACHABLE));
    }

    /** A spool to write a whole message to, then {@link #of} it. */
    static Spool newSpool() {
        return new Spool(MEMORY_THRESHOLD, Long.MAX_VALUE, "message");
    }

    /** The message written to {@code spool} (finished): the source holds the spool from here on. */
    static SharedSpoolSource of(Spool spool) {
        return new SharedSpoolSource(new byte[0], new Storage(spool), 0);
    }

    /**
     * The source of a James message whose current octets start with its source's, with the same body: an unmodified
     * body of a message read from one of these sources. Empty for any other message.
     */
    static Optional<SharedSpoolSource> bodySourceOf(MimeMessage message) {
        if (!(message instanceof MimeMessageWrapper) || ((MimeMessageWrapper) message).isBodyModified()) {
            return Optional.empty();
        }
        String sourceId = ((MimeMessageWrapper) message).getSourceId();
        Entry entry = sourceId == null ? null : LIVE.get(sourceId);
        SharedSpoolSource source = entry == null ? null : entry.get();
        return source == null || source.release.disposed.get() ? Optional.empty() : Optional.of(source);
    }

    /**
     * A new source of {@code newHeader} (the header lines, each ended by CRLF, and the empty line; taken as it is, not
     * copied) followed by this source's body, sharing its storage; empty when this source's body cannot be located
     * after its header octets.
     */
    Optional<SharedSpoolSource> withHeader(byte[] newHeader) throws IOException {
        long start = bodyStart();
        if (start < header.length) {
            return Optional.empty();
        }
        if (!storage.retain()) {
            return Optional.empty(); // released meanwhile: nothing left to share
        }
        return Optional.of(new SharedSpoolSource(newHeader, storage, offset + start - header.length));
    }

    /**
     * Where the body starts: after the first empty line, with the line ends javax.mail reads a header with (LF, CRLF
     * or a lone CR), so that the body shared is the one James reads as this message's raw body.
     */
    private long bodyStart() throws IOException {
        long known = bodyStart;
        if (known >= 0) {
            return known;
        }
        long position = 0;
        boolean lineStart = true;
        try (InputStream in = getInputStream()) {
            int c = in.read();
            while (c >= 0) {
                position++;
                if (c == '\n' || c == '\r') {
                    int next = in.read();
                    if (c == '\r' && next == '\n') {
                        position++;
                        next = in.read();
                    }
                    if (lineStart) {
                        break;
                    }
                    lineStart = true;
                    c = next;
                    continue;
                }
                lineStart = false;
                c = in.read();
            }
        }
        bodyStart = position;
        return position;
    }

    @Override
    public String getSourceId() {
        return id;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (release.disposed.get()) {
            throw new IOException("message " + id + " was disposed");
        }
        return storage.open(header, offset);
    }

    @Override
    public long getMessageSize() {
        return header.length + storage.size() - offset;
    }

    /** Releases this source's hold on the spool: the last hold deletes it. */
    @Override
    public void dispose() {
        cleanable.clean();
    }

    /** Sources alive (not disposed), for tests. */
    static int live() {
        expungeUnreachable();
        return (int) LIVE.values().stream().filter(entry -> entry.get() != null).count();
    }

    private static void expungeUnreachable() {
        Object gone;
        while ((gone = UNREACHABLE.poll()) != null) {
            LIVE.remove(((Entry) gone).id, gone);
        }
    }

    /** A weak registry entry: the registry never keeps a source alive. */
    private static final class Entry extends WeakReference<SharedSpoolSource> {
        private final String id;

        Entry(SharedSpoolSource source, ReferenceQueue<SharedSpoolSource> queue) {
            super(source, queue);
            this.id = source.id;
        }
    }

    /** Run once, at dispose or when the source became unreachable: gives up the hold on the storage. */
    private static final class Release implements Runnable {
        private final Storage storage;
        private final String id;
        private final AtomicBoolean disposed = new AtomicBoolean();

        Release(Storage storage, String id) {
            this.storage = storage;
            this.id = id;
        }

        @Override
        public void run() {
            if (disposed.compareAndSet(false, true)) {
                LIVE.remove(id);
                storage.release();
            }
        }
    }

    /** The spool and how many sources hold it. */
    private static final class Storage {
        private final Spool spool;
        private final AtomicInteger holds = new AtomicInteger(1);

        Storage(Spool spool) {
            this.spool = Objects.requireNonNull(spool, "spool");
        }

        boolean retain() {
            int now;
            do {
                now = holds.get();
                if (now == 0) {
                    return false;
                }
            } while (!holds.compareAndSet(now, now + 1));
            return true;
        }

        void release() {
            if (holds.decrementAndGet() == 0) {
                try {
                    spool.close();
                } catch (IOException e) {
                    // a temporary file that cannot be deleted: nothing reads it any more
                }
            }
        }

        long size() {
            return spool.size();
        }

        /** {@code prefix}, then the spool from {@code from} on: one stream (see {@link Spool#open(byte[], long)}). */
        InputStream open(byte[] prefix, long from) throws IOException {
            return spool.open(prefix, from);
        }
    }
}
