package dev.aiblog.models;

import dev.aiblog.aws.Secrets;
import dev.aiblog.core.ai.ModelProvider;
import dev.aiblog.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the model provider from configuration:
 * <ol>
 *   <li>{@code OPENAI_API_KEY}, or {@code OPENAI_API_KEY_SECRET_ID} (Secrets Manager, as deployed): OpenAI, at
 *       {@code OPENAI_BASE_URL} if set;</li>
 *   <li>{@code OPENAI_BASE_URL} alone: an OpenAI-compatible server that needs no key;</li>
 *   <li>neither: the offline provider, which labels every post it makes.</li>
 * </ol>
 */
public final class ModelProviders {
    private static final Logger LOG = LoggerFactory.getLogger(ModelProviders.class);

    private ModelProviders() {}

    public static ModelProvider fromSettings(Settings settings) {
        var key =
                settings.openAiApiKey().or(() -> settings.openAiApiKeySecretId().map(id -> secret(settings, id)));
        if (key.isPresent() || settings.openAiBaseUrl().isPresent()) {
            OpenAiModels models = new OpenAiModels(OpenAiModels.client(settings, key.orElse("not-needed")), settings);
            return new ModelProvider("openai", false, models, models, models);
        }
        LOG.info(
                "no OPENAI_API_KEY, OPENAI_API_KEY_SECRET_ID or OPENAI_BASE_URL: using the OFFLINE provider; posts say so");
        return offline();
    }

    public static ModelProvider offline() {
        OfflineModels models = new OfflineModels();
        return new ModelProvider("offline", true, models, models, models);
    }

    private static String secret(Settings settings, String secretId) {
        return Secrets.secretString(settings, secretId);
    }
}
