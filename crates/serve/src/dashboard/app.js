// petrel dashboard
