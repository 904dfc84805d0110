package dev.relaypool.server.gateway;

import java.util.List;

/** The model names a key may ask for (its group's accounts and their mappings), listed by the models endpoints. */
@FunctionalInterface
public interface ModelCatalog {
    List<String> models(KeyContext key);
}
