package dev.relaypool.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 connection over a plain blocking socket, made for measuring: the request is sent as
 * pre-encoded bytes, the answer is read without building objects (status, then the body by length or chunks), and
 * a stream's events are time-stamped as they complete. One per virtual thread; costs a few microseconds a request.
 */
final class HttpConnection implements AutoCloseable {
    /**
     * What one exchange gave: status (-1 when the connection failed), events completed, first body byte, and
     * whether an Anthropic stream's final event ({@code message_stop}) came.
     */
    record Answer(int status, int events, long firstByteNanos, boolean streamEnded) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean okStream() {
            return ok() && streamEnded;
        }
    }

    /** Told the time each SSE event completes ({@code \n\n} seen); may be null. */
    interface EventClock {
        void eventAt(long nanos);
    }

    private static final byte[] STREAM_END = "message_stop".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final int bufferBytes;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line;

    HttpConnection(InetSocketAddress address) {
        this(address, 16 * 1024);
    }

    /** {@code bufferBytes}: small for thousands of idle streams, larger for throughput. */
    HttpConnection(InetSocketAddress address, int bufferBytes) {
        this.address = address;
        this.bufferBytes = bufferBytes;
        this.line = new byte[bufferBytes];
    }

    /** Sends {@code request} and reads the whole answer; a broken connection gives status -1 and is reopened next time. */
    Answer exchange(byte[] request, EventClock events) {
        try {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address, 5_000);
                socket.setSoTimeout(180_000);
                in = new BufferedInputStream(socket.getInputStream(), bufferBytes);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            return read(events);
        } catch (IOException e) {
            close();
            return new Answer(-1, 0, 0, false);
        }
    }

    private Answer read(EventClock events) throws IOException {
        String status = readLine();
        if (status == null || status.length() < 12) {
            throw new IOException("no status line");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header; (header = readLine()) != null && !header.isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        Body body = new Body(events);
        if (chunked) {
            for (int size; (size = Integer.parseInt(stripExtension(readLine()), 16)) > 0; ) {
                body.consume(in, size);
                readLine();
            }
            while (!readLineOrEmpty().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body.consume(in, length);
        } else {
            throw new IOException("answer without length");
        }
        if (close) {
            close();
        }
        return new Answer(code, body.events, body.firstByteNanos, body.matched == STREAM_END.length);
    }

    /** Counts and time-stamps {@code \n\n} event ends as the body goes by. */
    private final class Body {
        private final EventClock clock;
        long firstByteNanos;
        int events;
        int matched;
        private boolean lastWasNewline;

        Body(EventClock clock) {
            this.clock = clock;
        }

        void consume(InputStream from, long count) throws IOException {
            long left = count;
            while (left > 0) {
                int read = from.read(line, 0, (int) Math.min(line.length, left));
                if (read < 0) {
                    throw new IOException("body cut short");
                }
                long now = System.nanoTime();
                if (firstByteNanos == 0) {
                    firstByteNanos = now;
                }
                for (int i = 0; i < read; i++) {
                    boolean newline = line[i] == '\n';
                    if (newline && lastWasNewline) {
                        events++;
                        if (clock != null) {
                            clock.eventAt(now);
                        }
                    }
                    if (line[i] != '\r') {
                        lastWasNewline = newline;
                    }
                    if (matched < STREAM_END.length) { // no proper prefix of "message_stop" recurs in it
                        matched = line[i] == STREAM_END[matched] ? matched + 1 : line[i] == STREAM_END[0] ? 1 : 0;
                    }
                }
                left -= read;
            }
        }
    }

    private static String stripExtension(String chunkLine) throws IOException {
        if (chunkLine == null) {
            throw new IOException("chunk size missing");
        }
        int semi = chunkLine.indexOf(';');
        return (semi < 0 ? chunkLine : chunkLine.substring(0, semi)).trim();
    }

    private String readLineOrEmpty() throws IOException {
        String read = readLine();
        return read == null ? "" : read;
    }

    /** A CRLF-terminated line as ASCII, without the terminator; null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder text = new StringBuilder(64);
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                int end = text.length();
                return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
            }
            if (text.length() > 16 * 1024) {
                throw new IOException("line too long");
            }
            text.append((char) b);
        }
        return text.isEmpty() ? null : text.toString();
    }

    static byte[] post(String hostPort, String path, java.util.Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostPort)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
