-- POST /api/v1/verifications with a different credential each request (never seen before by the
-- signature cache), cycling through JWT_FILE (one compact JWT per line).
local tokens = {}
for line in io.lines(os.getenv("JWT_FILE")) do tokens[#tokens + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/jwt"
request = function()
  i = i % #tokens + 1
  return wrk.format(nil, nil, nil, tokens[i])
end
