-- wrk script: GET /api/events/{id} for random ids of the 100,000-event store.
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/events/" .. math.random(1, 100000))
end
