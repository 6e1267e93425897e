package cn.tongban.server.verification;

import java.util.List;

import cn.tongban.trust.validation.TrustAnchorSet;

/** Trust-anchor sets a component adds to the configured ones (the demo's licence issuer adds its root). */
public interface AnchorContribution {

    List<TrustAnchorSet> anchorSets();
}
