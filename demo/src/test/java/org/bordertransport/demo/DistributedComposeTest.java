package org.bordertransport.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.distributed.yml is never started by the build (no Docker engine in CI): this keeps it consistent with
 * the repository instead. Every James node runs the image of the James version we build against, mounts files that
 * exist, copies only conf files that exist, and the entrypoint turns the shipped conf into one the distributed server
 * can load (no memory:// repository left, the image's own storage settings untouched).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DistributedComposeTest {
    private static final Path ROOT = Paths.get(System.getProperty("border.repo.root", "..")).toAbsolutePath()
        .normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.distributed.yml");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]+)}");

    private static Map<String, Object> services;

    @TempDir
    Path temp;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE, UTF_8));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void everyJamesNodeRunsTheDistributedImageOfTheJamesVersionWeBuildAgainst() {
        String version = System.getProperty("border.james.version", "3.8.1");
        List<String> jamesNodes = jamesNodes();

        assertThat(jamesNodes).hasSizeGreaterThanOrEqualTo(2);
        for (String node : jamesNodes) {
            assertThat(service(node).get("image")).as(node).isEqualTo("apache/james:distributed-" + version);
        }
    }

    @Test
    void everyMountedFileExistsOrIsTheDropInJarTheBuildMakes() {
        String jarName = System.getProperty("border.jar.name", "border-transport-0.1.0-SNAPSHOT.jar");
        for (String node : jamesNodes()) {
            for (Map<String, Object> volume : volumes(node)) {
                String source = (String) volume.get("source");
                Matcher defaulted = DEFAULTED.matcher(source);
                if (defaulted.matches()) {
                    assertThat(Paths.get(defaulted.group(1))).as(source)
                        .isEqualTo(Paths.get("./dist/target", jarName));
                } else {
                    assertThat(ROOT.resolve(source).normalize()).as(node + " mounts " + source).exists();
                }
                assertThat(volume.get("read_only")).as(source).isEqualTo(true);
            }
        }
    }

    @Test
    void theNodesShareOneConfAndCopyOnlyFilesItHas() {
        Path conf = ROOT.resolve("conf");
        List<String> files = new ArrayList<>();
        for (String node : jamesNodes()) {
            assertThat(volumes(node)).filteredOn(v -> "/opt/border-transport/conf".equals(v.get("target")))
                .extracting(v -> v.get("source")).containsExactly("./conf");
            files = List.of(environment(node).get("BORDER_CONF_FILES").trim().split("\\s+"));
            assertThat(environment(node)).containsEntry("MAIL_REPOSITORY_PROTOCOL", "cassandra");
        }
        assertThat(files).contains("mailetcontainer.xml", "smtpserver.xml", "remotedomains.xml", "srs-secrets")
            .doesNotContain("blob.properties", "mailrepositorystore.xml", "listeners.xml");
        for (String file : files) {
            assertThat(conf.resolve(file)).as(file).isRegularFile();
        }
        List<Object> envs = new ArrayList<>();
        jamesNodes().forEach(node -> envs.add(environment(node)));
        assertThat(envs).as("every node gets the same settings").containsOnly(envs.get(0));
    }

    @Test
    void theEntrypointOverlaysTheListedFilesAndMovesTheRepositoriesToCassandra() throws Exception {
        Path home = Files.createDirectories(temp.resolve("root"));
        Path imageConf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(imageConf.resolve("blob.properties"), "implementation=s3\n");
        Files.writeString(imageConf.resolve("mailrepositorystore.xml"), "<mailrepositorystore/>\n");
        Files.createDirectories(home.resolve("extensions-jars"));
        Files.writeString(home.resolve("jib-classpath-file"), "/root/resources:/root/classes:/root/libs/*\n");
        Files.writeString(home.resolve("jib-main-class-file"), "org.apache.james.CassandraRabbitMQJamesServerMain\n");
        Path fakeJava = temp.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$(dirname \"$0\")/args\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(environment(jamesNodes().get(0)));
        env.put("JAMES_HOME", home.toString());
        env.put("BORDER_CONF_DIR", ROOT.resolve("conf").toString());
        env.put("JAVA_CMD", fakeJava.toString());

        Result result = run(env);

        assertThat(result.exit).as(result.output).isZero();
        String mailets = Files.readString(imageConf.resolve("mailetcontainer.xml"), UTF_8);
        assertThat(mailets).doesNotContain("memory://").contains("cassandra://var/mail/error/")
            .contains("<gateway>mailpit</gateway><gatewayPort>1025</gatewayPort>");
        assertThat(imageConf.resolve("blob.properties")).hasContent("implementation=s3");
        assertThat(imageConf.resolve("mailrepositorystore.xml")).hasContent("<mailrepositorystore/>");
        assertThat(imageConf.resolve("remotedomains.xml")).hasSameBinaryContentAs(
            ROOT.resolve("conf/remotedomains.xml"));
        assertThat(imageConf.resolve("usersrepository.xml")).exists();
        assertThat(imageConf.resolve("deletedMessageVault.properties")).doesNotExist();
        assertThat(Files.readAllLines(temp.resolve("args")))
            .endsWith("org.apache.james.CassandraRabbitMQJamesServerMain");
    }

    @Test
    void theEntrypointRefusesAFileNameThatIsAPathOrMissing() throws Exception {
        Path home = Files.createDirectories(temp.resolve("root"));
        Map<String, String> env = new HashMap<>();
        env.put("JAMES_HOME", home.toString());
        env.put("BORDER_CONF_DIR", ROOT.resolve("conf").toString());
        env.put("JAVA_CMD", "/bin/false");

        env.put("BORDER_CONF_FILES", "mailetcontainer.xml ../../etc/passwd");
        Result path = run(env);
        env.put("BORDER_CONF_FILES", "mailetcontainer.xml nothing.xml");
        Result missing = run(env);
        env.put("BORDER_CONF_FILES", "mailetcontainer.xml");
        env.put("MAIL_REPOSITORY_PROTOCOL", "cassandra://x#");
        Result protocol = run(env);

        assertThat(path.exit).isEqualTo(1);
        assertThat(path.output).contains("not paths: '../../etc/passwd'");
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.output).contains("names nothing.xml, which is not in");
        assertThat(protocol.exit).isEqualTo(1);
        assertThat(protocol.output).contains("MAIL_REPOSITORY_PROTOCOL must be");
    }

    private static List<String> jamesNodes() {
        List<String> nodes = new ArrayList<>();
        services.forEach((name, service) -> {
            Object image = ((Map<?, ?>) service).get("image");
            if (image != null && image.toString().startsWith("apache/james:")) {
                nodes.add(name);
            }
        });
        return nodes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> volumes(String node) {
        return (List<Map<String, Object>>) service(node).get("volumes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String node) {
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) service(node).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private Result run(Map<String, String> env) throws IOException, InterruptedException {
        Path script = ROOT.resolve("demo/docker/james-entrypoint.sh");
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static final class Result {
        final int exit;
        final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }
}
