"""The SIP front door: Kamailio (trunk entry, registrar with digest auth, dispatcher over media workers)."""
