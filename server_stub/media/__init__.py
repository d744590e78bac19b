"""The hotline call path's media plane: media worker processes (IVR, queue audio, bridging, recording,
supervision, transfers, outbound) and the contract with the control plane (:mod:`.control`)."""
