-- wrk script: POST the credential in credential.jwt to /api/v1/verifications
local f = io.open(os.getenv("JWT_FILE") or "credential.jwt", "r")
local body = f:read("*a"):gsub("%s+$", "")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/jwt"
