import LeewayCore
