-- wrk script: GET /api/events pages with a mix of filters, orders and offsets.
math.randomseed(7)
local codes = {"USA", "RUS", "CHN", "PRK", "KOR", "JPN", "UKR", "IRN"}
request = function()
  local r = math.random(1, 4)
  local path
  if r == 1 then
    path = "/api/events"
  elseif r == 2 then
    path = "/api/events?actor=" .. codes[math.random(1, #codes)] .. "&offset=" .. 50 * math.random(0, 20)
  elseif r == 3 then
    path = "/api/events?since=2020-01-01&until=2020-12-31&sort=date&limit=100"
  else
    path = "/api/events?type=ASSAULT&recipient=" .. codes[math.random(1, #codes)]
  end
  return wrk.format("GET", path)
end
