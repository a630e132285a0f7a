package org.bordertransport.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code jwt.enabled=true}, the Border routes are behind James's WebAdmin authentication like James's own: no
 * token, no answer; an admin token signed with the configured key, the answer.
 */
class BorderRoutesJwtTest {
    @TempDir
    Path temp;

    @Test
    void theRoutesTakeTheSameTokenAsJamesOwn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = temp.resolve("jwt_publickey");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");

        try (BorderJames james = BorderJames.builder()
            .replaceInConf("webadmin.properties", "jwt.enabled=false",
                "jwt.enabled=true\njwt.publickeypem.url=file://" + pem.toAbsolutePath())
            .start()) {
            BorderRoutes routes = BorderRoutes.of(james);
            String token = token(keys.getPrivate());

            BorderRoutes.Answer without = routes.get("/border/srs/secrets");
            BorderRoutes.Answer with = routes.send(HttpRequest.newBuilder(
                URI.create(routes.base() + "/border/srs/secrets")).header("Authorization", "Bearer " + token)
                .GET().build());
            BorderRoutes.Answer jamesOwn = routes.get("/domains");

            assertThat(without.status).as("%s", without).isEqualTo(401);
            assertThat(jamesOwn.status).isEqualTo(401);
            assertThat(with.status).as("%s", with).isEqualTo(200);
            assertThat(with.json().get("files").get(0).get("count").asInt()).isEqualTo(1);
        }
    }

    private static String token(PrivateKey key) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString("{\"sub\":\"admin@border.test\",\"admin\":true}"
            .getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + url.encodeToString(rsa.sign());
    }
}
