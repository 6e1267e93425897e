package cn.tongban.exchange;

import java.util.List;

import cn.tongban.catalog.auth.Authorisation;

/**
 * The catalogue's authorisations as the exchange reads them: every authorisation of a consumer for a resource, in
 * any state ({@link cn.tongban.catalog.auth.AuthorisationDecision} reads the state and the validity at the instant
 * of the pull). The server's is {@link cn.tongban.catalog.auth.Authorisations#held}, behind {@link CatalogueCache}.
 */
@FunctionalInterface
public interface AuthorisationSource {

    List<Authorisation> held(String consumerSystem, String resourceCode);
}
