package cn.tongban.exchange;

import java.time.Instant;
import java.util.List;

/** The approved, unrevoked authorisations of a consumer for a resource (the catalogue's authorisation store). */
@FunctionalInterface
public interface AuthorisationSource {

    List<Authorisation> approved(String consumerSystem, String resourceCode, Instant at);
}
