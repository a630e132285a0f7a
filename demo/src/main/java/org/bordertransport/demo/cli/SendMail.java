package org.bordertransport.demo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bordertransport.demo.SmtpClient;

/**
 * Command line: sends one RFC 5322 file (or standard input) over SMTP as it is, e.g.
 * {@code SendMail --port 2525 --from alice@border.test --to x@example.com msg.eml} ({@code bin/demo send ...}).
 * Exit code 0 when accepted, 1 when refused, 2 on a usage error.
 */
public final class SendMail {
    private SendMail() {
    }

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 25;
        String from = null;
        List<String> to = new ArrayList<>();
        String file = null;
        String user = null;
        String password = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host":
                        host = args[++i];
                        break;
                    case "--port":
                        port = Integer.parseInt(args[++i]);
                        break;
                    case "--from":
                        from = args[++i];
                        break;
                    case "--to":
                        to.add(args[++i]);
                        break;
                    case "--user":
                        user = args[++i];
                        break;
                    case "--password":
                        password = args[++i];
                        break;
                    default:
                        if (args[i].startsWith("--") || file != null) {
                            usage("unknown argument " + args[i]);
                            return;
                        }
                        file = args[i];
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            usage("bad arguments: " + e.getMessage());
            return;
        }
        if (from == null || to.isEmpty()) {
            usage("--from and at least one --to are needed");
            return;
        }
        byte[] message;
        if (file == null || file.equals("-")) {
            try (InputStream in = System.in) {
                message = in.readAllBytes();
            }
        } else {
            message = Files.readAllBytes(Paths.get(file));
        }
        try {
            SmtpClient client = new SmtpClient(host, port, Duration.ofSeconds(60));
            if (user != null) {
                client = client.withPlainAuth(user, password == null ? "" : password);
            }
            String reply = client.send(from, to, message);
            System.out.println(reply);
        } catch (SmtpClient.SmtpException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: SendMail [--host H] [--port P] [--user U --password P]"
            + " --from ADDRESS --to ADDRESS [--to ...] [FILE|-]");
        System.exit(2);
    }
}
